"""Safe rendering of lesson content: Markdown, video embeds, attachments.

Lesson text is written by instructors, so it is treated as untrusted: the
Markdown is turned into HTML and then cleaned by nh3 against an allow-list;
images load only from this site or the LESSON_IMAGE_HOSTS setting (an
outside image would be a tracking pixel in front of children); videos are
embedded only from hosts the Content-Security-Policy frames.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse, urlsplit

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "div",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
# Only the lesson callouts may carry classes (see CALLOUTS).
ALLOWED_CLASSES = {
    "div": {"admonition", "key-idea", "try-at-home"},
    "p": {"admonition-title"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Browsers drop tabs and newlines inside URLs and read a backslash as "/",
# so "/<backslash>evil.example" or "/<tab>/evil.example" would leave the site.
_URL_TRICKS = re.compile(r"[\\\x00-\x20\x7f]")

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


# Callouts an instructor writes as an indented block under a marker line:
#   !!! key-idea
#       A fraction is a part of a whole.
# (`!!! try-at-home "Your own title"` sets another title.)
CALLOUTS = {
    "key-idea": _("Key idea"),
    "try-at-home": _("Try it at home"),
}
_CALLOUT_MARKER = re.compile(r"^!!!\s+(key-idea|try-at-home)\s*$", re.MULTILINE)


def _default_callout_titles(text: str) -> str:
    return _CALLOUT_MARKER.sub(
        lambda m: f'!!! {m.group(1)} "{CALLOUTS[m.group(1)]}"', text
    )


def render_markdown(text: str) -> SafeString:
    """Return `text` (Markdown) as sanitised HTML, safe to put in a page.

    The result depends only on the text and the image allow-list, so each
    worker keeps the lessons it rendered last: a learner reading, and the
    class after them, cost no Markdown parsing.
    """
    return _render_markdown(text or "", tuple(settings.LESSON_IMAGE_HOSTS))


@functools.lru_cache(maxsize=256)
def _render_markdown(text: str, _image_hosts: tuple) -> SafeString:
    html = markdown.markdown(
        _default_callout_titles(text),
        extensions=["extra", "sane_lists", "admonition"],
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_attribute_filter,
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if image_src_allowed(value) else None  # the alt text stays
    return value


def image_src_allowed(src: str) -> bool:
    """Return whether a lesson image may load from `src`.

    Same-site (relative) paths always may; an https URL only when its host
    is in the LESSON_IMAGE_HOSTS setting.
    """
    src = (src or "").strip()
    if not src or _URL_TRICKS.search(src):
        return False
    try:
        parts = urlsplit(src)
        hostname = parts.hostname
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc and not src.startswith("//"):
        return True
    allowed = {host.lower() for host in settings.LESSON_IMAGE_HOSTS}
    return (
        parts.scheme == "https"
        and hostname in allowed
        and parts.username is None
        and parts.password is None
    )


def video_embed_url(url: str | None) -> str | None:
    """Return the privacy-friendly embed URL of a YouTube or Vimeo link, else None."""
    if not url or not isinstance(url, str):
        return None
    try:
        parsed = urlparse(url.strip())
    except ValueError:
        return None
    if parsed.scheme not in ("http", "https"):
        return None
    host = (parsed.hostname or "").lower()
    parts = [part for part in parsed.path.split("/") if part]
    video_id = None
    if host in YOUTUBE_HOSTS:
        if parts[:1] == ["watch"]:
            video_id = parse_qs(parsed.query).get("v", [None])[0]
        elif len(parts) >= 2 and parts[0] in ("embed", "shorts", "live", "v"):
            video_id = parts[1]
        if video_id and YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
        return None
    if host == "youtu.be":
        video_id = parts[0] if parts else None
        if video_id and YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
        return None
    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com" and len(parts) >= 2 and parts[0] == "video":
            video_id = parts[1]
        elif host != "player.vimeo.com" and parts:
            video_id = parts[-1] if VIMEO_ID.match(parts[-1]) else parts[0]
        if video_id and VIMEO_ID.match(video_id):
            return f"https://player.vimeo.com/video/{video_id}"
    return None


@dataclass(frozen=True)
class Attachment:
    title: str
    url: str


def safe_attachments(items) -> list[Attachment]:
    """Return the lesson's attachments that are http(s) links.

    An attachment is {"title": str, "url": str} or a bare URL string;
    anything else (javascript: links, odd shapes) is left out.
    """
    result = []
    for item in items or []:
        if isinstance(item, str):
            title, url = "", item
        elif isinstance(item, dict):
            title, url = str(item.get("title") or ""), str(item.get("url") or "")
        else:
            continue
        parsed = urlparse(url.strip())
        if parsed.scheme in ("http", "https") and parsed.netloc:
            result.append(
                Attachment(
                    title=title.strip() or parsed.path.rsplit("/", 1)[-1] or url,
                    url=url.strip(),
                )
            )
    return result
