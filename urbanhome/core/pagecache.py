"""What is the same for everyone, kept in Redis and dropped when it changes.

A *group* names data that changes together (the learning catalogue: courses,
categories, reviews). Every key cached for a group carries the group's
version, a random token in the cache; `group_invalidate()` replaces the
token once the transaction that changed the data commits, so every entry
of the group is missed at once (and expires by itself later), with no key
scanning.

`cache_anonymous_page()` keeps whole pages for visitors who are not logged
in: they all see the same page for the same address and language.

`cached_fragment()` keeps one user's blocks (dashboard cards, the recent
notifications) under the versions of the groups they are made of: the
user's own (`user_group`), each student's shown (`student_group`), and
shared ones (the catalogue). Writes that change them call
`group_invalidate()` through their app's signals or services.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
import zlib
from collections.abc import Callable, Iterable

from django.contrib.messages import get_messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import get_language

PAGE_TIMEOUT = 300  # seconds; a change drops the pages at once anyway
# A user's blocks say "3 minutes ago", "closes tomorrow", "this week": time
# moves them on without any write, so they are rebuilt at least this often.
FRAGMENT_TIMEOUT = 60


def _version_key(group: str) -> str:
    return f"cache-group:{group}"


def group_version(group: str) -> str:
    """Return the current version token of `group` (one cache read)."""
    version = cache.get(_version_key(group))
    if version is None:
        version = uuid.uuid4().hex
        # add(): two processes racing here agree on the first token written.
        if not cache.add(_version_key(group), version, timeout=None):
            version = cache.get(_version_key(group)) or version
    return version


def group_versions(groups: Iterable[str]) -> list[str]:
    """Return the version tokens of several groups (one cache round trip)."""
    keys = [_version_key(group) for group in groups]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            token = uuid.uuid4().hex
            if not cache.add(key, token, timeout=None):
                token = cache.get(key) or token
            found[key] = token
    return [found[key] for key in keys]


def user_group(user_id) -> str:
    """The group of what one user's own pages show (notifications, profile)."""
    return f"user:{user_id}"


def student_group(student_id) -> str:
    """The group of one learner's progress, shown to them and their parent."""
    return f"student:{student_id}"


def _bump(groups: tuple[str, ...]) -> None:
    # A version is at most 64 bytes; a missing key makes a new token anyway.
    cache.set_many({_version_key(g): uuid.uuid4().hex for g in groups}, timeout=None)


def group_invalidate(*groups: str) -> None:
    """Drop everything cached for `groups`, now and when the transaction commits.

    Now, so the rest of this transaction reads fresh values; again after the
    commit, because a request that ran in between may have stored the old
    data under the first new version. A request that reads the version after
    the commit's bump reads committed data, so nothing stale survives it.
    """
    groups = tuple(dict.fromkeys(g for g in groups if g))
    if not groups:
        return
    _bump(groups)
    transaction.on_commit(lambda: _bump(groups))


def _fragment_key(request, name: str, parts: Iterable[str], per_visitor=True) -> str:
    # The CSRF secret: blocks with a form carry a token of this secret.
    secret = ""
    if per_visitor and request is not None:
        secret = request.META.get("CSRF_COOKIE", "")
    text = "|".join(
        [
            get_language() or "",
            getattr(staticfiles_storage, "manifest_hash", ""),
            secret,
            *parts,
        ]
    )
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return f"fragment:{name}:{digest}"


def fragment_get_or_build(
    request,
    *,
    name: str,
    parts: Iterable[str],
    build: Callable[[], object],
    timeout,
    store=None,
    per_visitor: bool = True,
):
    """Return the cached value of fragment `name` for `parts`, or build it.

    The key holds the language, the static files' hash and the visitor's
    CSRF secret besides `parts`; `store` is the cache (default: Redis). A
    block with a form may create the secret (a first visit, no cookie yet):
    it is stored under the secret it was built with, so a token in a cached
    block always matches its visitor's cookie. A block with no form in it
    may say `per_visitor=False`: one copy for every visitor.
    """
    store = store or cache
    parts = list(parts)
    value = store.get(_fragment_key(request, name, parts, per_visitor))
    if value is None:
        value = build()
        store.set(_fragment_key(request, name, parts, per_visitor), value, timeout)
    return value


def cached_fragment(
    request,
    *,
    name: str,
    groups: Iterable[str],
    build: Callable[[], object],
    timeout: int = FRAGMENT_TIMEOUT,
):
    """Return what `build()` makes for this request, cached under `groups`.

    For blocks of one user's page (rendered HTML or the values a page
    shows): the key holds every group's version and the address (forms in
    the blocks come back to it), so any change to a group, another page or
    a deploy misses; see fragment_get_or_build() for the rest of the key.
    """
    return fragment_get_or_build(
        request,
        name=name,
        parts=[request.get_full_path(), *group_versions(groups)],
        build=build,
        timeout=timeout,
    )


def _page_key(request, *, group: str, version: str) -> str:
    query = sorted(request.GET.lists())
    address = f"{request.path}?{query!r}".encode()
    # A deploy changes the static files' hashed names: old pages must go.
    static = getattr(staticfiles_storage, "manifest_hash", "")
    digest = hashlib.blake2b(address, digest_size=16).hexdigest()
    return f"page:{group}:{version}:{get_language()}:{static}:{digest}"


def _cacheable_request(request) -> bool:
    # A pending message ("You have signed out") belongs to that visitor only.
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def cache_anonymous_page(*, group: str, timeout: int = PAGE_TIMEOUT):
    """Serve anonymous visitors a view's 200 pages from the cache.

    Only pages with nothing personal are stored: no cookie set, no CSRF
    token used (a form with a token is one visitor's), no message shown.
    Logged-in users always get the view itself.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _page_key(request, group=group, version=group_version(group))
            stored = cache.get(key)
            if stored is not None:
                return HttpResponse(zlib.decompress(stored))
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                and not response.has_header("Cache-Control")
            ):
                cache.set(key, zlib.compress(response.content, 1), timeout)
            return response

        return wrapper

    return decorator
