"""Community forum: posts, replies and likes (see docs/data-model-commerce.md)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel, SoftDeleteModel

from .validators import validate_tag_list


def _is_json_array(field_name: str) -> Exact:
    """Return a check condition: the JSONB column holds an array."""
    return Exact(
        models.Func(
            F(field_name), function="jsonb_typeof", output_field=models.CharField()
        ),
        "array",
    )


class ForumPost(SoftDeleteModel):
    """A discussion thread opened by a user in one category."""

    class Category(models.TextChoices):
        GENERAL = "general", _("General discussion")
        HOMEWORK_HELP = "homework-help", _("Homework help")
        PARENTS_CORNER = "parents-corner", _("Parents' corner")
        CBC_CURRICULUM = "cbc-curriculum", _("CBC curriculum")
        ANNOUNCEMENTS = "announcements", _("Announcements")
        STUDY_GROUPS = "study-groups", _("Study groups")
        TECH_SUPPORT = "tech-support", _("Tech support")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_posts"
    )
    title = models.CharField(max_length=255)
    content = models.TextField()
    category = models.CharField(max_length=50, choices=Category.choices, db_index=True)
    tags = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_tag_list]
    )
    is_pinned = models.BooleanField(default=False, db_default=False)
    is_solved = models.BooleanField(default=False, db_default=False)
    is_flagged = models.BooleanField(
        default=False,
        db_default=False,
        help_text=_("Reported by a user; awaits moderation."),
    )
    view_count = models.IntegerField(default=0, db_default=0)
    # Bumped by a new reply or an edit; the forum lists threads by it.
    last_activity_at = models.DateTimeField(
        default=timezone.now, db_default=Now(), db_index=True
    )

    class Meta(SoftDeleteModel.Meta):
        db_table = "forum_posts"
        ordering = ["-is_pinned", "-last_activity_at"]
        indexes = [
            models.Index(
                "category",
                F("last_activity_at").desc(),
                name="forum_posts_category_recent_idx",
            ),
        ]
        constraints = [
            *SoftDeleteModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(
                    category__in=[
                        "general",
                        "homework-help",
                        "parents-corner",
                        "cbc-curriculum",
                        "announcements",
                        "study-groups",
                        "tech-support",
                    ]
                ),
                name="forum_posts_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(view_count__gte=0), name="forum_posts_view_count_nonneg"
            ),
            models.CheckConstraint(
                condition=_is_json_array("tags"), name="forum_posts_tags_is_array"
            ),
        ]

    def __str__(self):
        return self.title


class ForumReply(SoftDeleteModel):
    """An answer in a thread; the author of the post may mark one as the solution."""

    post = models.ForeignKey(
        ForumPost, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_replies"
    )
    content = models.TextField()
    is_solution = models.BooleanField(default=False, db_default=False)

    class Meta(SoftDeleteModel.Meta):
        db_table = "forum_replies"
        ordering = ["created_at"]
        verbose_name_plural = _("forum replies")
        indexes = [
            models.Index(
                fields=["post", "created_at"], name="forum_replies_thread_idx"
            ),
        ]
        constraints = [
            *SoftDeleteModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["post"],
                condition=Q(is_solution=True, is_deleted=False),
                name="forum_replies_one_solution_per_post",
            ),
        ]

    def __str__(self):
        return f"Reply by {self.author} on {self.post}"


class ForumLike(BaseModel):
    """One user's like of exactly one post or one reply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_likes"
    )
    post = models.ForeignKey(
        ForumPost, on_delete=models.CASCADE, null=True, blank=True, related_name="likes"
    )
    reply = models.ForeignKey(
        ForumReply,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="likes",
    )
    updated_at = None  # a like is created or removed, never edited

    class Meta:
        db_table = "forum_likes"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="uq_user_post_like"),
            models.UniqueConstraint(
                fields=["user", "reply"], name="uq_user_reply_like"
            ),
            models.CheckConstraint(
                condition=Q(post__isnull=False, reply__isnull=True)
                | Q(post__isnull=True, reply__isnull=False),
                name="forum_likes_exactly_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.user} likes {self.post or self.reply}"
