"""The forum's block of the family data export (accounts.data_export)."""

from __future__ import annotations

from .models import ForumLike, ForumPost, ForumReply


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def forum_export(*, users, students) -> dict:
    """Posts, replies and likes written by these users, in three queries.

    Soft-deleted posts and replies are still held, so they are exported
    (flagged `is_deleted`). Other people's threads appear only by title, as
    the context of a reply or a like.
    """
    posts = (
        ForumPost.all_objects.filter(author__in=users)
        .select_related("author")
        .order_by("created_at")
    )
    replies = (
        ForumReply.all_objects.filter(author__in=users)
        .select_related("author", "post")
        .order_by("created_at")
    )
    likes = (
        ForumLike.objects.filter(user__in=users)
        .select_related("user", "post", "reply__post")
        .order_by("created_at")
    )
    return {
        "posts": [
            {
                "author_email": p.author.email,
                "title": p.title,
                "content": p.content,
                "category": p.category,
                "tags": p.tags,
                "is_solved": p.is_solved,
                "is_flagged": p.is_flagged,
                "view_count": p.view_count,
                "created_at": _iso(p.created_at),
                "is_deleted": p.is_deleted,
                "deleted_at": _iso(p.deleted_at),
            }
            for p in posts
        ],
        "replies": [
            {
                "author_email": r.author.email,
                "thread_title": r.post.title,
                "content": r.content,
                "is_solution": r.is_solution,
                "created_at": _iso(r.created_at),
                "is_deleted": r.is_deleted,
                "deleted_at": _iso(r.deleted_at),
            }
            for r in replies
        ],
        "likes": [
            {
                "user_email": like.user.email,
                "liked": "post" if like.post_id else "reply",
                "thread_title": (like.post or like.reply.post).title,
                "created_at": _iso(like.created_at),
            }
            for like in likes
        ],
    }
