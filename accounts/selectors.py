"""Account reads, always scoped to the user asking."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from .models import (
    AccountDeletion,
    AIAgentProfile,
    ContactMessage,
    InstructorApplication,
    InstructorProfile,
    Notification,
    PairingCode,
    ParentalConsent,
    PartnerProfile,
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
    """Return the Student `pk` if `user` may see their report, else None (a 404).

    The report is the parent's page (its payment and conversation links are
    the parent's): their parent and platform staff may see it; anyone else
    (the learner themself, other families, instructors) may not.
    """
    if not user.is_authenticated:
        return None
    qs = Student.objects.select_related("user", "parent").filter(
        pk=pk, user__is_deleted=False
    )
    if user.is_platform_staff:
        return qs.first()
    if user.role == User.Role.PARENT:
        return qs.filter(parent=user).first()
    return None


def child_get_for_parent(*, parent: User, pk) -> Student | None:
    """Return the parent's own live child `pk`, else None (the caller's 404).

    None too for a user who is not a parent, a malformed id (`?child=abc`)
    and a child whose account is deleted.
    """
    if not parent.is_authenticated or parent.role != User.Role.PARENT:
        return None
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        return None
    return children_for_parent(parent=parent).filter(pk=pk).first()


def student_for_user(*, user: User) -> Student | None:
    """The learner profile of a student user (None for other roles).

    Read once per user object: the result is kept in Django's one-to-one
    cache (`user.student`), so the header, the page and every dashboard
    block of one request share a single query.
    """
    if not user.is_authenticated or user.role != User.Role.STUDENT:
        return None
    related = User.student.related
    if not related.is_cached(user):
        # One row by a unique key: no ORDER BY to compile (it is per request).
        rows = Student.objects.select_related("parent").filter(user=user).order_by()
        student = next(iter(rows[:1]), None)
        related.set_cached_value(user, student)
    return related.get_cached_value(user)


def user_is_managed_child(*, user) -> bool:
    """Return whether `user` is a learner whose account a parent manages.

    The parent controls such an account's password and sign-in address, so
    the child may not change them (accounts.middleware, accounts.adapter).
    """
    if not getattr(user, "is_authenticated", False) or user.role != User.Role.STUDENT:
        return False
    student = student_for_user(user=user)
    return student is not None and student.parent_id is not None


def student_forum_access(*, user: User) -> str:
    """What `user` may do in the forum: "none", "read" or "post".

    Children follow the setting their parent chose; every other signed-in
    adult may post.
    """
    if not user.is_authenticated:
        return Student.ForumAccess.READ
    if user.role != User.Role.STUDENT:
        return Student.ForumAccess.POST
    access = (
        Student.objects.filter(user=user).values_list("forum_access", flat=True).first()
    )
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


def instructor_application_get_for_staff(
    *, user: User, pk
) -> InstructorApplication | None:
    """An application for staff allowed to view applications, else None."""
    if not (
        user.is_authenticated
        and user.is_staff
        and user.has_perm("accounts.view_instructorapplication")
    ):
        return None
    return InstructorApplication.objects.filter(pk=pk).first()


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _grouped(rows, key) -> dict:
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def family_export(*, user: User) -> dict:
    """Everything the platform holds about `user` and (for a parent) their children.

    Accounts data is gathered here; other apps add theirs through
    accounts.data_export (enrolments, submissions, orders, payments, forum).
    Each block is one query whatever the size of the family. Records found
    by email address (contact messages, instructor applications) match only
    verified addresses, so adding someone else's address to an account does
    not reveal what they sent us. Secrets (password hashes, session keys,
    tokens) are never exported.
    """
    from allauth.account.models import EmailAddress
    from allauth.usersessions.models import UserSession

    from .data_export import exports_for

    children = (
        list(children_for_parent(parent=user)) if user.role == User.Role.PARENT else []
    )
    own_student = Student.objects.filter(user=user).first()
    students = children + ([own_student] if own_student else [])
    users = [user] + [child.user for child in children]
    user_ids = [u.pk for u in users]

    addresses = list(
        EmailAddress.objects.filter(user_id__in=user_ids).order_by("email")
    )
    emails = _grouped(addresses, lambda a: a.user_id)
    owner_of_email = {u.email.lower(): u.pk for u in users if u.is_verified}
    owner_of_email.update({a.email.lower(): a.user_id for a in addresses if a.verified})

    notifications = _grouped(
        Notification.objects.filter(user_id__in=user_ids).order_by("created_at"),
        lambda n: n.user_id,
    )
    assistants = {
        p.user_id: p for p in AIAgentProfile.objects.filter(user_id__in=user_ids)
    }
    consents = list(
        ParentalConsent.objects.filter(
            Q(student__in=students) | Q(parent_id__in=user_ids)
        ).order_by("consented_at")
    )
    consents_for_student = _grouped(consents, lambda c: c.student_id)
    consents_given = _grouped(
        [c for c in consents if c.parent_id], lambda c: c.parent_id
    )
    contact_messages = _grouped(
        ContactMessage.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=list(owner_of_email))
        .order_by("created_at"),
        lambda m: owner_of_email[m.email_lower],
    )
    applications = _grouped(
        InstructorApplication.objects.annotate(email_lower=Lower("email"))
        .filter(Q(user_id__in=user_ids) | Q(email_lower__in=list(owner_of_email)))
        .order_by("created_at"),
        lambda a: a.user_id if a.user_id in user_ids else owner_of_email[a.email_lower],
    )
    instructor_profiles = {
        p.user_id: p for p in InstructorProfile.objects.filter(user_id__in=user_ids)
    }
    partner_profiles = {
        p.user_id: p for p in PartnerProfile.objects.filter(user_id__in=user_ids)
    }
    deletions = _grouped(
        AccountDeletion.objects.filter(user_id__in=user_ids).order_by("created_at"),
        lambda d: d.user_id,
    )
    sessions = _grouped(
        UserSession.objects.filter(user_id__in=user_ids).order_by("created_at"),
        lambda s: s.user_id,
    )
    pairing_codes = _grouped(
        PairingCode.objects.filter(student__in=students).order_by("created_at"),
        lambda c: c.student_id,
    )

    def consent(c: ParentalConsent) -> dict:
        # Where the consent was given from is the parent's data: a learner
        # exporting their own account sees that it was given, not from where.
        mine = c.parent_id == user.pk
        return {
            "parent_email": c.parent_email,
            "child_name": c.child_name,
            "admission_number": c.admission_number,
            "policy_version": c.policy_version,
            "consented_at": _iso(c.consented_at),
            "ip_address": c.ip_address if mine else None,
            "user_agent": c.user_agent if mine else None,
            "method": c.method,
        }

    def assistant(p: AIAgentProfile | None) -> dict | None:
        if p is None:
            return None
        return {
            "agent_name": p.agent_name,
            "avatar_url": p.avatar_url,
            "persona": p.persona,
            "preferred_language": p.preferred_language,
            "response_style": p.response_style,
            "expertise_focus": p.expertise_focus,
            "quick_action_shortcuts": p.quick_action_shortcuts,
        }

    def instructor_profile(p: InstructorProfile | None) -> dict | None:
        if p is None:
            return None
        return {
            "headline": p.headline,
            "bio": p.bio,
            "qualifications": p.qualifications,
            "subjects": p.subjects,
            "experience_years": p.experience_years,
            "payout_phone": p.payout_phone,
            "is_verified": p.is_verified,
            "approved_at": _iso(p.approved_at),
        }

    def partner_profile(p: PartnerProfile | None) -> dict | None:
        if p is None:
            return None
        return {
            "organization_name": p.organization_name,
            "referral_code": p.referral_code,
            "contact_phone": p.contact_phone,
            "website": p.website,
            "county": p.county,
            "is_active": p.is_active,
        }

    def person(u: User) -> dict:
        return {
            "id": str(u.pk),
            "email": u.email,
            "role": u.role,
            "profile": u.profile_data,
            "is_verified": u.is_verified,
            "created_at": _iso(u.created_at),
            "last_login": _iso(u.last_login),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in emails.get(u.pk, [])
            ],
            "notifications": [
                {
                    "type": n.type,
                    "title": n.title,
                    "message": n.message,
                    "is_read": n.is_read,
                    "action_url": n.action_url,
                    "created_at": _iso(n.created_at),
                    "read_at": _iso(n.read_at),
                }
                for n in notifications.get(u.pk, [])
            ],
            "ai_assistant": assistant(assistants.get(u.pk)),
            "sessions": [
                # Never the session key: it would sign whoever holds the file in.
                {
                    "ip": s.ip,
                    "user_agent": s.user_agent,
                    "created_at": _iso(s.created_at),
                    "last_seen_at": _iso(s.last_seen_at),
                }
                for s in sessions.get(u.pk, [])
            ],
            "parental_consents_given": [
                consent(c) for c in consents_given.get(u.pk, [])
            ],
            "contact_messages": [
                {
                    "name": m.name,
                    "email": m.email,
                    "subject": m.subject,
                    "message": m.message,
                    "created_at": _iso(m.created_at),
                    "replied_at": _iso(m.replied_at),
                    "reply_message": m.reply_message,
                }
                for m in contact_messages.get(u.pk, [])
            ],
            "instructor_applications": [
                {
                    "full_name": a.full_name,
                    "email": a.email,
                    "phone": a.phone,
                    "qualifications": a.qualifications,
                    "experience_years": a.experience_years,
                    "subjects": a.subjects,
                    "bio": a.bio,
                    "documents": [
                        kind
                        for kind, name in (
                            ("cv", a.cv_url),
                            ("id_front", a.id_document_front_url),
                            ("id_back", a.id_document_back_url),
                        )
                        if name
                    ],
                    "status": a.status,
                    "created_at": _iso(a.created_at),
                    "reviewed_at": _iso(a.reviewed_at),
                    "review_notes": a.review_notes,
                }
                for a in applications.get(u.pk, [])
            ],
            "instructor_profile": instructor_profile(instructor_profiles.get(u.pk)),
            "partner_profile": partner_profile(partner_profiles.get(u.pk)),
            "account_deletions": [
                {
                    "requested_at": _iso(d.created_at),
                    "reason": d.reason,
                    "accounts_covered": len(d.covered_user_ids or []),
                    "restored_at": _iso(d.restored_at),
                }
                for d in deletions.get(u.pk, [])
            ],
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
            "parental_consents": [
                consent(c) for c in consents_for_student.get(s.pk, [])
            ],
            "pairing_codes": [
                {
                    "code": c.code,
                    "created_at": _iso(c.created_at),
                    "expires_at": _iso(c.expires_at),
                    "used_at": _iso(c.used_at),
                }
                for c in pairing_codes.get(s.pk, [])
            ],
        }

    data = {
        "format": "urbanhomeschool.family-export/1",
        "account": person(user),
        "student_profile": learner(own_student) if own_student else None,
        "children": [
            {**person(child.user), "student_profile": learner(child)}
            for child in children
        ],
    }
    data["other_records"] = exports_for(users=users, students=students)
    return data
