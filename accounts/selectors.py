"""Account reads, always scoped to the user asking."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from .models import (
    AccountDeletion,
    AIAgentProfile,
    InstructorApplication,
    Notification,
    PairingCode,
    ParentalConsent,
    Student,
    User,
)
from .services.notifications import unread_count_cache_key

UNREAD_COUNT_SECONDS = 300


def children_for_parent(*, parent: User) -> QuerySet[Student]:
    """The parent's live children, with their users, in name order."""
    return (
        Student.objects.select_related("user")
        .filter(parent=parent, user__is_deleted=False)
        .order_by("user__profile_data__first_name", "admission_number")
    )


def student_get_for_user(*, user: User, pk) -> Student | None:
    """Return the Student `pk` if `user` may see it, else None (a 404).

    The learner themself, their parent and platform staff may; anyone else
    (other families, instructors on this family page) may not.
    """
    if not user.is_authenticated:
        return None
    qs = Student.objects.select_related("user", "parent").filter(pk=pk, user__is_deleted=False)
    if user.is_platform_staff:
        return qs.first()
    if user.role == User.Role.PARENT:
        return qs.filter(parent=user).first()
    if user.role == User.Role.STUDENT:
        return qs.filter(user=user).first()
    return None


def child_get_for_parent(*, parent: User, pk) -> Student | None:
    """Return the parent's own child `pk`, else None (for writes)."""
    if not parent.is_authenticated or parent.role != User.Role.PARENT:
        return None
    return children_for_parent(parent=parent).filter(pk=pk).first()


def student_for_user(*, user: User) -> Student | None:
    """The learner profile of a student user (None for other roles)."""
    if not user.is_authenticated or user.role != User.Role.STUDENT:
        return None
    return Student.objects.select_related("parent").filter(user=user).first()


def student_forum_access(*, user: User) -> str:
    """What `user` may do in the forum: "none", "read" or "post".

    Children follow the setting their parent chose; every other signed-in
    adult may post.
    """
    if not user.is_authenticated:
        return Student.ForumAccess.READ
    if user.role != User.Role.STUDENT:
        return Student.ForumAccess.POST
    access = Student.objects.filter(user=user).values_list("forum_access", flat=True).first()
    return access or Student.ForumAccess.POST


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_get_for_user(*, user: User, pk) -> Notification | None:
    return Notification.objects.filter(user=user, pk=pk).first()


def notification_unread_count(*, user: User) -> int:
    """Unread notifications of `user`, cached in Redis (services clear it)."""
    key = unread_count_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, is_read=False).count()
        cache.set(key, count, UNREAD_COUNT_SECONDS)
    return count


def pairing_code_active_for_student(*, user: User) -> PairingCode | None:
    from django.utils import timezone

    return (
        PairingCode.objects.filter(
            student__user=user, used_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )


def consents_for_student(*, student: Student) -> QuerySet[ParentalConsent]:
    return ParentalConsent.objects.filter(student=student).order_by("-consented_at")


def instructor_application_get_for_staff(*, user: User, pk) -> InstructorApplication | None:
    """An application for staff allowed to view applications, else None."""
    if not (user.is_authenticated and user.is_staff and user.has_perm("accounts.view_instructorapplication")):
        return None
    return InstructorApplication.objects.filter(pk=pk).first()


def deletion_pending_for_user(*, user: User) -> AccountDeletion | None:
    return AccountDeletion.objects.filter(user=user, restored_at__isnull=True).first()


def family_export(*, user: User) -> dict:
    """Everything the platform holds about `user` and (for a parent) their children.

    Accounts data is gathered here; other apps add theirs through
    accounts.data_export (enrolments, submissions, certificates...).
    """
    from allauth.account.models import EmailAddress

    from .data_export import exports_for

    children = list(children_for_parent(parent=user)) if user.role == User.Role.PARENT else []
    own_student = Student.objects.filter(user=user).first()
    students = children + ([own_student] if own_student else [])
    users = [user] + [child.user for child in children]
    user_ids = [u.pk for u in users]

    emails: dict = {}
    for address in EmailAddress.objects.filter(user_id__in=user_ids).order_by("email"):
        emails.setdefault(address.user_id, []).append(
            {"email": address.email, "verified": address.verified, "primary": address.primary}
        )
    notifications: dict = {}
    for n in Notification.objects.filter(user_id__in=user_ids).order_by("created_at"):
        notifications.setdefault(n.user_id, []).append(
            {
                "type": n.type,
                "title": n.title,
                "message": n.message,
                "is_read": n.is_read,
                "action_url": n.action_url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
        )
    assistants = {
        p.user_id: {
            "agent_name": p.agent_name,
            "avatar_url": p.avatar_url,
            "persona": p.persona,
            "preferred_language": p.preferred_language,
            "response_style": p.response_style,
            "expertise_focus": p.expertise_focus,
            "quick_action_shortcuts": p.quick_action_shortcuts,
        }
        for p in AIAgentProfile.objects.filter(user_id__in=user_ids)
    }
    consents: dict = {}
    for c in ParentalConsent.objects.filter(student__in=students).order_by("consented_at"):
        consents.setdefault(c.student_id, []).append(
            {
                "parent_email": c.parent_email,
                "policy_version": c.policy_version,
                "consented_at": c.consented_at.isoformat(),
                "ip_address": c.ip_address,
                "method": c.method,
            }
        )

    def person(u: User) -> dict:
        return {
            "id": str(u.pk),
            "email": u.email,
            "role": u.role,
            "profile": u.profile_data,
            "is_verified": u.is_verified,
            "created_at": u.created_at.isoformat(),
            "last_login": u.last_login.isoformat() if u.last_login else None,
            "email_addresses": emails.get(u.pk, []),
            "notifications": notifications.get(u.pk, []),
            "ai_assistant": assistants.get(u.pk),
        }

    def learner(s: Student) -> dict:
        return {
            "id": str(s.pk),
            "admission_number": s.admission_number,
            "grade_level": s.grade_level,
            "enrollment_date": s.enrollment_date.isoformat(),
            "is_active": s.is_active,
            "forum_access": s.forum_access,
            "learning_profile": s.learning_profile,
            "competencies": s.competencies,
            "overall_performance": s.overall_performance,
            "parental_consents": consents.get(s.pk, []),
        }

    data = {
        "format": "urbanhomeschool.family-export/1",
        "account": person(user),
        "student_profile": learner(own_student) if own_student else None,
        "children": [{**person(child.user), "student_profile": learner(child)} for child in children],
    }
    data["other_records"] = exports_for(users=users, students=students)
    return data
