"""What is the same for everyone, kept in Redis and dropped when it changes.

A *group* names data that changes together (the learning catalogue: courses,
categories, reviews). Every key cached for a group carries the group's
version, a random token in the cache; `group_invalidate()` replaces the
token once the transaction that changed the data commits, so every entry
of the group is missed at once (and expires by itself later), with no key
scanning.

`cache_anonymous_page()` keeps whole pages for visitors who are not logged
in: they all see the same page for the same address and language.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
import zlib

from django.contrib.messages import get_messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import get_language

PAGE_TIMEOUT = 300  # seconds; a change drops the pages at once anyway


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


def _bump(group: str) -> None:
    cache.set(_version_key(group), uuid.uuid4().hex, timeout=None)


def group_invalidate(group: str) -> None:
    """Drop everything cached for `group`, now and when the transaction commits.

    Now, so the rest of this transaction reads fresh values; again after the
    commit, because a request that ran in between may have stored the old
    data under the first new version. A request that reads the version after
    the commit's bump reads committed data, so nothing stale survives it.
    """
    _bump(group)
    transaction.on_commit(lambda: _bump(group))


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
