"""Writes of the forum: posts, replies, solutions and likes.

Every service checks that the acting user may post in the forum (children
follow the setting their parent chose, see
accounts.selectors.student_forum_access) and stores user HTML only after
nh3 has cleaned it against a small allow-list.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

import nh3

from accounts.models import Notification, Student, User
from accounts.selectors import student_forum_access
from accounts.services import notify
from accounts.validators import single_line

from .models import ForumLike, ForumPost, ForumReply

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https"}
LINK_REL = "nofollow noopener"


# ------------------------------------------------------------------ helpers
def post_action_url(post: ForumPost) -> str | None:
    """Return the site path of `post`'s thread for notifications.

    None while the forum has no pages: a link would be a 404. Once the forum
    views are routed as "forum:post_detail", notifications link to them.
    """
    try:
        return reverse("forum:post_detail", kwargs={"pk": post.pk})
    except NoReverseMatch:
        return None


def _href_filter(tag: str, attribute: str, value: str) -> str | None:
    # nh3 lets relative and scheme-relative ("//host") links through;
    # only absolute http(s) links are kept.
    if tag == "a" and attribute == "href":
        parts = urlsplit(value.strip())
        if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
            return None
    return value


def content_clean(content: str) -> str:
    """Return `content` as sanitised HTML; refuse it if no text is left."""
    cleaned = nh3.clean(
        content or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        attribute_filter=_href_filter,
    ).strip()
    if not html.unescape(strip_tags(cleaned)).strip():
        raise ValidationError(_("Write something first."), code="empty_content")
    return cleaned


def _require_posting(user: User) -> None:
    """Refuse a user who may not write in the forum."""
    allowed = (
        user.is_active
        and not getattr(user, "is_deleted", False)
        and student_forum_access(user=user) == Student.ForumAccess.POST
    )
    if not allowed:
        raise ValidationError(
            _("You may not post in the forum."), code="forum_not_allowed"
        )


def _lock_live_post(post_pk) -> ForumPost:
    post = ForumPost.all_objects.select_for_update(of=("self",)).get(pk=post_pk)
    if post.is_deleted:
        raise ValidationError(
            _("This discussion is no longer available."), code="post_unavailable"
        )
    return post


def _notify_forum(*, user_pk, actor: User, title: str, message: str, post, metadata):
    """Notify a live, active user of a forum event, never about their own act."""
    if user_pk == actor.pk:
        return
    recipient = User.all_objects.filter(
        pk=user_pk, is_active=True, is_deleted=False
    ).first()
    if recipient is None:
        return
    url = post_action_url(post)
    notify(
        user=recipient,
        type=Notification.Type.FORUM,
        title=title,
        message=message,
        action_url=url,
        action_label=_("View discussion") if url else None,
        metadata=metadata,
        email=True,
    )


# ------------------------------------------------------------ posts/replies
@transaction.atomic
def post_create(
    *,
    author: User,
    title: str,
    content: str,
    category: str,
    tags: Iterable[str] = (),
) -> ForumPost:
    """Open a discussion in `category` by `author`."""
    _require_posting(author)
    post = ForumPost(
        author=author,
        title=single_line(title),
        content=content_clean(content),
        category=category,
        tags=[tag.strip() if isinstance(tag, str) else tag for tag in tags or ()],
    )
    post.full_clean()
    post.save(force_insert=True)
    return post


@transaction.atomic
def reply_create(*, post: ForumPost, author: User, content: str) -> ForumReply:
    """Answer `post` as `author`, bump the thread and tell the post's author."""
    _require_posting(author)
    content = content_clean(content)
    # Locked so parallel replies bump last_activity_at one after another.
    post = _lock_live_post(post.pk)
    reply = ForumReply(post=post, author=author, content=content)
    reply.full_clean()
    reply.save(force_insert=True)
    post.last_activity_at = timezone.now()
    post.save(update_fields=["last_activity_at", "updated_at"])
    _notify_forum(
        user_pk=post.author_id,
        actor=author,
        title=_("New reply to your post"),
        message=_('There is a new reply to "%(title)s".') % {"title": post.title},
        post=post,
        metadata={"post_id": str(post.pk), "reply_id": str(reply.pk)},
    )
    return reply


@transaction.atomic
def reply_mark_solution(*, reply: ForumReply, user: User) -> ForumReply:
    """Mark `reply` as the answer to its post (the post's author or staff)."""
    _require_posting(user)
    # Fixed lock order (the post, then its replies by pk) as in reply_create,
    # so two markings of one thread queue instead of deadlocking.
    post = _lock_live_post(reply.post_id)
    if post.author_id != user.pk and not user.is_platform_staff:
        raise ValidationError(
            _("Only the author of the post may choose its solution."),
            code="solution_not_allowed",
        )
    replies = {
        r.pk: r
        for r in ForumReply.all_objects.select_for_update(of=("self",))
        .filter(post=post)
        .order_by("pk")
    }
    reply = replies.get(reply.pk)
    if reply is None or reply.is_deleted:
        raise ValidationError(
            _("This reply is no longer available."), code="reply_unavailable"
        )
    if reply.is_solution and post.is_solved:
        return reply  # already marked: nothing to change, nobody to tell again
    now = timezone.now()
    # Cleared first (deleted replies too, so a restore can't bring back a
    # second solution), then set: "one live solution per post" holds at
    # every statement.
    ForumReply.all_objects.filter(post=post, is_solution=True).exclude(
        pk=reply.pk
    ).update(is_solution=False, updated_at=now)
    reply.is_solution = True
    reply.save(update_fields=["is_solution", "updated_at"])
    post.is_solved = True
    post.save(update_fields=["is_solved", "updated_at"])
    _notify_forum(
        user_pk=reply.author_id,
        actor=user,
        title=_("Your reply was marked as the solution"),
        message=_('Your reply to "%(title)s" was marked as the solution.')
        % {"title": post.title},
        post=post,
        metadata={"post_id": str(post.pk), "reply_id": str(reply.pk)},
    )
    return reply


# -------------------------------------------------------------------- likes
@transaction.atomic
def like_toggle(
    *, user: User, post: ForumPost | None = None, reply: ForumReply | None = None
) -> bool:
    """Like `post` or `reply` (exactly one), or remove the like; return whether liked.

    Parallel toggles by one user end as if run one after the other.
    """
    if (post is None) == (reply is None):
        raise ValidationError(
            _("Like one post or one reply."), code="invalid_like_target"
        )
    _require_posting(user)
    if reply is not None:
        reply = ForumReply.all_objects.select_related("post").get(pk=reply.pk)
        if reply.is_deleted:
            raise ValidationError(
                _("This reply is no longer available."), code="reply_unavailable"
            )
        if reply.post.is_deleted:
            raise ValidationError(
                _("This discussion is no longer available."), code="post_unavailable"
            )
        target = {"reply": reply}
    else:
        post = ForumPost.all_objects.get(pk=post.pk)
        if post.is_deleted:
            raise ValidationError(
                _("This discussion is no longer available."), code="post_unavailable"
            )
        target = {"post": post}

    deleted, _rows = ForumLike.objects.filter(user=user, **target).delete()
    if deleted:
        return False
    try:
        # A savepoint: a lost race leaves the outer transaction usable.
        with transaction.atomic():
            ForumLike.objects.create(user=user, **target)
    except IntegrityError as error:
        diag = getattr(error.__cause__, "diag", None)
        if getattr(diag, "constraint_name", None) not in (
            "uq_user_post_like",
            "uq_user_reply_like",
        ):
            raise
        # A parallel toggle (a double click) added the same like first and
        # has committed: as if run one after the other, this one removes it.
        ForumLike.objects.filter(user=user, **target).delete()
        return False
    return True
