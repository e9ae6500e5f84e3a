"""Account pages: dashboards, family, notifications, settings, public forms."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

from urbanhome.core.pagecache import cached_fragment, student_group, user_group

from . import selectors, services
from .dashboard import child_parts_for, sections_for, shared_groups_for
from .forms import (
    AccountDeleteForm,
    AIAgentProfileForm,
    ChildCreateForm,
    ChildPasswordForm,
    ChildUpdateForm,
    ContactForm,
    InstructorApplicationForm,
    PairingRedeemForm,
)
from .models import User
from .ratelimit import client_ip


def _form_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form (field errors where known)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _consent_context(request) -> services.ConsentContext:
    return services.ConsentContext(
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _parent_only(request) -> None:
    if request.user.role != User.Role.PARENT:
        raise Http404


# --------------------------------------------------------------- dashboards
def _render_sections(request, user) -> list[str]:
    return [
        render_to_string(section.template, {**context, "user": user}, request=request)
        for section, context in sections_for(user=user)
    ]


def _child_cards(request, children) -> list[dict]:
    parts = child_parts_for(children=children)
    cards = []
    for child in children:
        rendered = []
        for part, by_child in parts:
            context = by_child.get(child.pk, by_child.get(str(child.pk)))
            if context is not None:
                rendered.append(
                    render_to_string(
                        part.template, {**context, "child": child}, request=request
                    )
                )
        cards.append({"child": child, "parts": rendered})
    return cards


def _render_recent_notifications(request, user) -> str:
    recent = list(selectors.notification_list_for_user(user=user)[:5])
    return render_to_string(
        "accounts/partials/_recent_notifications.html",
        {"recent_notifications": recent},
        request=request,
    )


@transaction.non_atomic_requests  # reads only
@login_required
def dashboard(request):
    """Send each role to its own page.

    A student's and a parent's blocks come from the cache, under the user's
    group, each learner's group shown and the shared groups the blocks name
    (see accounts/dashboard.py); the writes that change them drop those.
    """
    user = request.user
    groups = [user_group(user.pk), *shared_groups_for(role=user.role)]
    if user.role == User.Role.STUDENT:
        student = selectors.student_for_user(user=user)
        if student is not None:
            groups.append(student_group(student.pk))
        blocks = cached_fragment(
            request,
            name="dashboard-student",
            groups=groups,
            build=lambda: {
                "sections": _render_sections(request, user),
                "notifications": _render_recent_notifications(request, user),
            },
        )
        return render(
            request,
            "accounts/dashboard_student.html",
            {"student": student, **blocks},
        )
    if user.role == User.Role.PARENT:
        children = list(selectors.children_for_parent(parent=user))
        for child in children:
            groups += [student_group(child.pk), user_group(child.user_id)]
        blocks = cached_fragment(
            request,
            name="dashboard-parent",
            groups=groups,
            build=lambda: {
                "children": render_to_string(
                    "accounts/partials/_child_cards.html",
                    {"cards": _child_cards(request, children)},
                    request=request,
                ),
                "sections": _render_sections(request, user),
                "notifications": _render_recent_notifications(request, user),
            },
        )
        return render(request, "accounts/dashboard_parent.html", blocks)
    recent = list(selectors.notification_list_for_user(user=user)[:5])
    return render(
        request, "accounts/dashboard_landing.html", {"recent_notifications": recent}
    )


# ------------------------------------------------------------------- family
@login_required
def child_add(request):
    _parent_only(request)
    if not request.user.is_verified:
        return render(request, "accounts/verify_required.html", status=403)
    form = ChildCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            student = services.child_create(
                parent=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                grade_level=data["grade_level"],
                password=data["password1"],
                consent=data["consent"],
                login_name=data["login_name"],
                learning_profile=form.learning_profile(),
                forum_access=data["forum_access"],
                consent_context=_consent_context(request),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s was added. Login: %(email)s")
                % {"name": student.user.display_name, "email": student.user.email},
            )
            return redirect("dashboard")
    return render(request, "accounts/child_form.html", {"form": form})


@login_required
def child_detail(request, pk):
    """A child's report: profile, consent and every registered progress part."""
    student = selectors.student_get_for_user(user=request.user, pk=pk)
    if student is None:
        raise Http404
    card = _child_cards(request, [student])[0]
    is_guardian = student.parent_id == request.user.pk
    consents = (
        selectors.consents_for_student(student=student)
        if (is_guardian or request.user.is_platform_staff)
        else []
    )
    return render(
        request,
        "accounts/child_detail.html",
        {
            "student": student,
            "card": card,
            "consents": consents,
            "is_guardian": is_guardian,
        },
    )


@login_required
def child_edit(request, pk):
    student = selectors.child_get_for_parent(parent=request.user, pk=pk)
    if student is None:
        raise Http404
    form = ChildUpdateForm(
        request.POST or None, initial=ChildUpdateForm.initial_for(student)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.child_update(
                parent=request.user,
                student=student,
                first_name=data["first_name"],
                last_name=data["last_name"],
                grade_level=data["grade_level"],
                learning_profile=form.learning_profile(),
                forum_access=data["forum_access"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(student)
    return render(
        request, "accounts/child_edit.html", {"form": form, "student": student}
    )


@login_required
def child_password(request, pk):
    student = selectors.child_get_for_parent(parent=request.user, pk=pk)
    if student is None:
        raise Http404
    form = ChildPasswordForm(request.POST or None, child=student.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.child_password_set(
                parent=request.user,
                student=student,
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("The new password is set. Your child is signed out everywhere."),
            )
            return redirect(student)
    return render(
        request, "accounts/child_password.html", {"form": form, "student": student}
    )


@login_required
# Per user and per client IP, so a second parent account from the same
# address gets no fresh guesses. Pairing happens once per child, so even
# families behind one carrier-grade NAT address rarely reach 10 an hour.
@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@ratelimit(key="user", rate="10/h", method="POST", block=True)
def child_link(request):
    """A parent redeems a pairing code a learner generated."""
    _parent_only(request)
    if not request.user.is_verified:
        return render(request, "accounts/verify_required.html", status=403)
    form = PairingRedeemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            student = services.pairing_code_redeem(
                parent=request.user,
                code=form.cleaned_data["code"],
                consent=form.cleaned_data["consent"],
                consent_context=_consent_context(request),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is now linked to your account.")
                % {"name": student.user.display_name},
            )
            return redirect("dashboard")
    return render(request, "accounts/child_link.html", {"form": form})


@login_required
def pairing_code(request):
    """A learner shows or makes the code that links a parent."""
    student = selectors.student_for_user(user=request.user)
    if student is None:
        raise Http404
    if request.method == "POST":
        try:
            services.pairing_code_create(student_user=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return redirect("pairing_code")
    code = selectors.pairing_code_active_for_student(user=request.user)
    return render(
        request, "accounts/pairing_code.html", {"student": student, "code": code}
    )


# ------------------------------------------------------------ notifications
@login_required
def notification_list(request):
    page = Paginator(
        selectors.notification_list_for_user(user=request.user), 20
    ).get_page(request.GET.get("page"))
    return render(request, "accounts/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk):
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    if notification is None:
        raise Http404
    services.notification_mark_read(notification=notification)
    if request.POST.get("open") and notification.action_url:
        return redirect(_safe_action_url(request, notification.action_url))
    return redirect(_safe_next(request, reverse("notification_list")))


def _safe_action_url(request, url: str) -> str:
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return reverse("notification_list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect(_safe_next(request, reverse("notification_list")))


# --------------------------------------------------------------- settings
@login_required
def assistant_settings(request):
    profile = services.ai_agent_profile_get_or_create(user=request.user)
    form = AIAgentProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.ai_agent_profile_update(
                user=request.user, data=form.service_data()
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your assistant settings are saved."))
            return redirect("assistant_settings")
    return render(
        request, "accounts/assistant_settings.html", {"form": form, "profile": profile}
    )


@login_required
def data_export(request):
    data = selectors.family_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    filename = f"urbanhomeschool-data-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request):
    # A parent-managed child is not offered deletion at all: the parent
    # decides (deleting the family, or the child from the admin on request).
    if selectors.user_is_managed_child(user=request.user):
        raise Http404
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(
                user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            logout(request)
            messages.info(
                request,
                _(
                    "Your account is deleted. Contact us within 30 days if you change your mind."
                ),
            )
            return redirect("home")
    children = (
        list(selectors.children_for_parent(parent=request.user))
        if request.user.is_parent
        else []
    )
    return render(
        request, "accounts/account_delete.html", {"form": form, "children": children}
    )


# ---------------------------------------------------------- public forms
@ratelimit(key="ip", rate="5/h", method="POST", block=True)
def contact(request):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam():
            data = form.cleaned_data
            try:
                services.contact_message_create(
                    name=data["name"],
                    email=data["email"],
                    subject=data["subject"],
                    message=data["message"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
                return render(request, "accounts/contact.html", {"form": form})
        # A bot that filled the honeypot sees the same thanks and stores nothing.
        messages.success(request, _("Thank you! We will reply by email."))
        return redirect("contact")
    return render(request, "accounts/contact.html", {"form": form})


@ratelimit(key="ip", rate="5/h", method="POST", block=True)
def instructor_apply(request):
    initial = {}
    if request.user.is_authenticated:
        initial = {
            "full_name": request.user.get_full_name(),
            "email": request.user.email,
            "phone": request.user.phone,
        }
    form = InstructorApplicationForm(
        request.POST or None, request.FILES or None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.instructor_application_submit(
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                qualifications=data["qualifications"],
                experience_years=data["experience_years"],
                subjects=data["subjects"],
                bio=data["bio"],
                cv=data["cv"],
                id_front=data["id_front"],
                id_back=data["id_back"],
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return render(request, "accounts/instructor_apply_done.html")
    return render(request, "accounts/instructor_apply.html", {"form": form})


@login_required
def instructor_application_file(request, pk, kind):
    """Stream an applicant's document to staff; anyone else gets a 404."""
    application = selectors.instructor_application_get_for_staff(
        user=request.user, pk=pk
    )
    field = services.instructors.FILE_FIELDS.get(kind)
    name = getattr(application, field, None) if application and field else None
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    return response


def admin_login(request):
    """The admin's login goes through the allauth login and its throttling."""
    next_url = request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        raise Http404  # signed in but not staff: no hint that an admin exists
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
