from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from urbanhome.core.admin import BaseAdmin, SoftDeleteAdmin

from .models import ForumLike, ForumPost, ForumReply


@admin.register(ForumPost)
class ForumPostAdmin(SoftDeleteAdmin):
    list_display = (
        "title",
        "author",
        "category",
        "is_pinned",
        "is_solved",
        "is_flagged",
        "view_count",
        "reply_count",
        "last_activity_at",
        "is_deleted",
    )
    list_filter = ("category", "is_flagged", "is_pinned", "is_solved")
    search_fields = ("title", "author__email")
    date_hierarchy = "created_at"
    autocomplete_fields = ("author",)
    list_select_related = ("author",)
    readonly_fields = ("view_count", "last_activity_at", "is_deleted", "deleted_at")
    ordering = ("-last_activity_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_reply_count=Count("replies"))

    @admin.display(description=_("replies"), ordering="_reply_count")
    def reply_count(self, obj):
        return obj._reply_count


@admin.register(ForumReply)
class ForumReplyAdmin(SoftDeleteAdmin):
    list_display = (
        "__str__",
        "author",
        "post",
        "is_solution",
        "created_at",
        "is_deleted",
    )
    list_filter = ("is_solution",)
    search_fields = ("content", "author__email", "post__title")
    date_hierarchy = "created_at"
    autocomplete_fields = ("post", "author")
    list_select_related = ("author", "post")
    readonly_fields = ("is_deleted", "deleted_at")
    ordering = ("-created_at",)


@admin.register(ForumLike)
class ForumLikeAdmin(BaseAdmin):
    list_display = ("user", "post", "reply", "created_at")
    search_fields = ("user__email", "post__title", "reply__post__title")
    date_hierarchy = "created_at"
    autocomplete_fields = ("user", "post", "reply")
    list_select_related = ("user", "post", "reply__post")
