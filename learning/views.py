"""Learning pages: catalogue, course, lessons, reviews and certificates."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from django_ratelimit.decorators import ratelimit

from accounts.models import Student, User
from accounts.selectors import child_get_for_parent, student_for_user
from payments.models import Feature
from payments.selectors import covered_child_ids
from urbanhome.core.cbc import area_family
from urbanhome.core.errors import rate_limited
from urbanhome.core.pagecache import cache_anonymous_page

from . import selectors
from .cache import CATALOGUE
from .content import render_markdown, safe_attachments, video_embed_url
from .forms import CatalogFilterForm, CertificateLookupForm, ReviewForm
from .models import Enrollment
from .pdf import certificate_pdf
from .services import (
    enrollment_create,
    enrollment_create_asking_parent,
    enrollment_drop,
    enrollment_heartbeat,
    enrollment_payment_request,
    enrollment_touch,
    lesson_complete,
    plan_for_student,
    review_submit,
)

CATALOG_PAGE_SIZE = 24
REVIEWS_PAGE_SIZE = 10
CERTIFICATES_PAGE_SIZE = 20
VERIFY_RATE = "30/m"


def _learner(request, *, child_id=None) -> Student | None:
    """Return the student acted for: the user themself, or a parent's child (else 404)."""
    if child_id:
        return _child_or_404(request, child_id)
    return student_for_user(user=request.user)


def _child_or_404(request, child_id) -> Student:
    child = child_get_for_parent(parent=request.user, pk=child_id)
    if child is None:
        raise Http404("No such child.")
    return child


# --------------------------------------------------------------------- home
@transaction.non_atomic_requests  # a page that only reads opens no transaction
@require_GET
@cache_anonymous_page(group=CATALOGUE)  # it shows featured courses
def home(request):
    return render(
        request,
        "learning/home.html",
        {
            "featured": selectors.course_featured_list(),
            "levels": selectors.school_levels(),
        },
    )


# ---------------------------------------------------------------- catalogue
# Pages that only read run without a transaction (ATOMIC_REQUESTS is on).
@transaction.non_atomic_requests
@require_GET
@cache_anonymous_page(group=CATALOGUE)
def course_list(request):
    form = CatalogFilterForm(request.GET)
    filters = form.filters()
    child = None
    if request.GET.get("child"):
        child = _child_or_404(request, request.GET["child"])
    tree = selectors.category_tree()
    category_slug = filters.pop("category")
    current_category = next(
        (n.category for n in tree if n.category.slug == category_slug), None
    )
    category_ids = None
    if category_slug:
        category_ids = (
            selectors.category_descendant_ids(category=current_category)
            if current_category
            else set()
        )
    courses = selectors.course_catalog_list(category_ids=category_ids, **filters)
    page = Paginator(courses, CATALOG_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.course_cards(
        page.object_list, child_id=child.pk if child else None
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "learning/course_list.html",
        {
            "form": form,
            "page": page,
            "categories": selectors.category_counts_for_sidebar(tree=tree),
            "current_category": current_category,
            "child": child,
            "query_string": query.urlencode(),
            "search": filters["search"],
            "active_filters": _active_filter_count(filters, category_slug),
        },
    )


def _active_filter_count(filters: dict, category_slug: str) -> int:
    """How many filters narrow the list (the phone's "Filters (2)" button)."""
    narrowing = ("search", "learning_area", "grade_level", "price", "featured")
    return sum(1 for name in narrowing if filters[name]) + bool(category_slug)


# ------------------------------------------------------------------- course
@transaction.non_atomic_requests
@require_GET
@cache_anonymous_page(group=CATALOGUE)
def course_detail(request, slug):
    course = selectors.course_get_for_user(slug=slug, user=request.user)
    if course.slug != slug:  # reached by the course's id: one address per page
        return _canonical_redirect(request, course.get_absolute_url())
    user = request.user
    student = student_for_user(user=user) if user.is_authenticated else None
    enrollment = selectors.enrollment_get_live(student=student, course=course)
    children = []
    if user.is_authenticated and user.role == User.Role.PARENT:
        covered = (
            set()
            if course.is_free
            else covered_child_ids(parent=user, feature=Feature.ALL_COURSES)
        )
        children = selectors.children_with_enrollment(
            parent=user, course=course, covered=covered
        )
    reviews = Paginator(
        selectors.course_review_list(course=course), REVIEWS_PAGE_SIZE
    ).get_page(request.GET.get("reviews"))
    studying = enrollment is not None and enrollment.status in selectors.STUDYING
    lessons = selectors.lesson_outline(course=course, user=user, enrollment=enrollment)
    resume_url = selectors.enrollment_resume_url(
        enrollment=enrollment,
        course_slug=course.slug,
        lesson_ids=[lesson["id"] for lesson in course.lessons],
    )
    selectors.course_cards([course])
    return render(
        request,
        "learning/course_detail.html",
        {
            "course": course,
            "lessons": lessons,
            "total_minutes": sum(
                lesson["duration_minutes"] for lesson in course.lessons
            ),
            "enrollment": enrollment,
            "studying": studying,
            "resume_url": resume_url,
            "payment_request": selectors.payment_request_states(
                enrollments=[enrollment] if enrollment else []
            ).get(getattr(enrollment, "pk", None)),
            "started": selectors.enrollment_has_started(enrollment=enrollment),
            # A learner about to enrol in a course far from their grade.
            "grade_warning": student is not None
            and enrollment is None
            and selectors.grade_far_from_course(
                grade_level=student.grade_level, course=course
            ),
            "can_preview": selectors.course_can_preview_all(user=user, course=course),
            "student": student,
            "children": children,
            "reviews": reviews,
            "selected_child": request.GET.get("child", ""),
            "syllabus": course.syllabus if isinstance(course.syllabus, dict) else {},
            "lesson_base_url": f"{course.get_absolute_url()}lessons/",
            "included_in_plan": _included_in_plan(
                user=user, student=student, course=course, children=children
            ),
            "lock_icon": static("img/icons/lock.svg"),
        },
    )


def _included_in_plan(*, user, student, course, children) -> bool:
    """Does a live plan of this family include the paid course? For a parent:
    for every child (each child's own line says so when only some have a
    place in the plan)."""
    if course.is_free or not user.is_authenticated:
        return False
    if student is not None:
        return plan_for_student(student=student) is not None
    if user.role == User.Role.PARENT:
        return bool(children) and all(item.included for item in children)
    return False


@login_required
@require_POST
def course_enroll(request, slug):
    course = selectors.course_get_published(slug=slug)
    student = _learner(request, child_id=request.POST.get("child"))
    if student is None:
        raise PermissionDenied(_("Only students and parents can enrol."))
    if student.parent_id and request.user.pk == student.user_id:
        return _enrol_asking_parent(request, student=student, course=course)
    try:
        enrollment = enrollment_create(student=student, course=course, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        if enrollment.status == Enrollment.Status.PENDING_PAYMENT:
            messages.info(
                request,
                _(
                    "Your place is reserved. The course opens as soon as the payment is confirmed."
                ),
            )
            if request.user.pk == (student.parent_id or student.user_id):
                # The payer goes straight to the checkout (payments registers it).
                return redirect(
                    "payments:checkout",
                    purpose="course_enrollment",
                    target=enrollment.pk,
                )
        else:
            _say_enrolled(request, enrollment=enrollment, course=course)
    return redirect(course_url_for(course, request.POST.get("child")))


def _say_enrolled(request, *, enrollment, course) -> None:
    """The message once a course has opened (free, or through a plan)."""
    in_plan = bool(enrollment.subscription_id) and not course.is_free
    params = {"name": enrollment.student.user.display_name, "course": course.title}
    if request.user.pk == enrollment.student.user_id:
        text = (
            _("You are enrolled in %(course)s. It is included in your plan.")
            if in_plan
            else _("You are enrolled in %(course)s.")
        )
    else:
        text = (
            _("%(name)s is enrolled in %(course)s. It is included in your plan.")
            if in_plan
            else _("%(name)s is enrolled in %(course)s.")
        )
    messages.success(request, text % params)


def _enrol_asking_parent(request, *, student, course):
    """A child whose parent pays: enrol, and ask the parent when it is paid."""
    try:
        enrollment, asked = enrollment_create_asking_parent(
            student=student, course=course, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        if asked:
            messages.success(
                request,
                _(
                    "Your place is kept and we told your parent. The course opens as soon as they have paid."
                ),
            )
        elif enrollment.status == Enrollment.Status.PENDING_PAYMENT:
            messages.info(
                request,
                _("Your place is kept. Your parent was already asked to pay today."),
            )
        else:
            _say_enrolled(request, enrollment=enrollment, course=course)
    return redirect(course.get_absolute_url())


def _canonical_redirect(request, path: str):
    query = request.GET.urlencode()
    return redirect(f"{path}?{query}" if query else path, permanent=True)


def course_url_for(course, child_id=None) -> str:
    url = reverse("learning:course_detail", kwargs={"slug": course.slug})
    return f"{url}?child={child_id}" if child_id else url


@login_required
@require_POST
def course_drop(request, slug):
    # Not only published courses: leaving one taken out of the catalogue works too.
    course = selectors.course_get_for_user(slug=slug, user=request.user)
    student = _learner(request, child_id=request.POST.get("child"))
    enrollment = selectors.enrollment_get_live(student=student, course=course)
    if enrollment is None:
        raise Http404("Not enrolled.")
    try:
        enrollment_drop(enrollment=enrollment, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("The course was dropped. You can enrol again at any time.")
        )
    return redirect(course_url_for(course, request.POST.get("child")))


@login_required
@require_POST
def course_payment_request(request, slug):
    """The learner asks their parent to pay for a course waiting for payment."""
    course = selectors.course_get_for_user(slug=slug, user=request.user)
    student = student_for_user(user=request.user)
    enrollment = selectors.enrollment_get_live(student=student, course=course)
    if enrollment is None or enrollment.status != Enrollment.Status.PENDING_PAYMENT:
        raise Http404("No payment is pending for this course.")
    try:
        enrollment_payment_request(enrollment=enrollment, by=request.user)
    except ValidationError as exc:
        messages.info(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("We told your parent. The course opens as soon as they have paid."),
        )
    return redirect(_safe_next(request, course.get_absolute_url()))


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
def course_review(request, slug):
    # Not only published courses: students keep a course that is unpublished.
    course = selectors.course_get_for_user(slug=slug, user=request.user)
    enrollment = selectors.enrollment_get_live(
        student=student_for_user(user=request.user), course=course
    )
    if enrollment is None or enrollment.status not in selectors.STUDYING:
        raise Http404("Only enrolled students review a course.")
    if not selectors.enrollment_has_started(enrollment=enrollment):
        messages.info(request, _("You can review the course once you have started it."))
        return redirect(course)
    initial = {"rating": enrollment.rating, "review": enrollment.review or ""}
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            review_submit(
                enrollment=enrollment,
                rating=form.cleaned_data["rating"],
                review=form.cleaned_data["review"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you for your review."))
            return redirect(course)
    return render(
        request,
        "learning/course_review.html",
        {"course": course, "form": form, "editing": enrollment.rating is not None},
    )


# ------------------------------------------------------------------ lessons
def _lesson_access(request, slug, lesson_id):
    """Return (course, lesson, index, live enrollment or None, outline); 404 if unknown.

    `outline[index]["can_open"]` says whether the user may open the lesson;
    the enrollment may still wait for payment (see `_studying`).
    """
    # A learner's own course: one query reads the enrolment and the course.
    enrollment = selectors.enrollment_for_lesson(user=request.user, slug=slug)
    if enrollment is not None:
        course = enrollment.course
    else:
        course = selectors.course_get_for_user(slug=slug, user=request.user)
        student = student_for_user(user=request.user)
        enrollment = selectors.enrollment_get_live(student=student, course=course)
    index = next(
        (i for i, item in enumerate(course.lessons) if item["id"] == lesson_id), None
    )
    if index is None:
        raise Http404("No such lesson.")
    lesson = course.lessons[index]
    outline = selectors.lesson_outline(
        course=course, user=request.user, enrollment=enrollment
    )
    return course, lesson, index, enrollment, outline


def _studying(enrollment):
    """Return the enrollment if its student may open every lesson, else None."""
    if enrollment is not None and enrollment.status in selectors.STUDYING:
        return enrollment
    return None


# Reads, plus one throttled autocommit UPDATE (enrollment_touch).
@transaction.non_atomic_requests
@require_GET
def lesson_detail(request, slug, lesson_id):
    course, lesson, index, live, outline = _lesson_access(request, slug, lesson_id)
    enrollment = _studying(live)
    if course.slug != slug:  # reached by the course's id
        path = reverse(
            "learning:lesson_detail",
            kwargs={"slug": course.slug, "lesson_id": lesson["id"]},
        )
        return _canonical_redirect(request, path)
    if not outline[index]["can_open"]:
        if not request.user.is_authenticated:
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        messages.info(request, _("Enrol in the course to open this lesson."))
        return redirect(course)
    if enrollment is not None:
        enrollment_touch(enrollment=enrollment, lesson_id=lesson["id"])
    nav = selectors.lesson_nav(outline=outline, index=index)
    course_url = course.get_absolute_url()
    return render(
        request,
        "learning/lesson_detail.html",
        {
            "course": course,
            "lesson": lesson,
            "position": index + 1,
            "total": len(outline),
            # Called by the template only when its cached block is missed.
            "content": partial(render_markdown, lesson["content"]),
            "video_embed": partial(video_embed_url, lesson.get("video_url")),
            "attachments": partial(safe_attachments, lesson.get("attachments")),
            "previous": nav.previous,
            "next": nav.next,
            "enrol_to_continue": nav.enrol_to_continue,
            # A learner whose place waits for payment asks a parent instead.
            "payment_request": selectors.payment_request_states(
                enrollments=[live] if nav.enrol_to_continue and live else []
            ).get(getattr(live, "pk", None)),
            "enrollment": enrollment,
            "done": enrollment is not None
            and lesson["id"] in enrollment.completed_lessons,
            "family": area_family(course.learning_area),
            # Lesson links from one reversed prefix, not a reverse() each.
            "course_url": course_url,
            "lesson_base_url": f"{course_url}lessons/",
            "lesson_url": f"{course_url}lessons/{lesson['id']}/",
        },
    )


@login_required
@require_POST
def lesson_mark_complete(request, slug, lesson_id):
    course, lesson, index, live, _outline = _lesson_access(request, slug, lesson_id)
    enrollment = _studying(live)
    if enrollment is None:
        raise Http404("Not enrolled.")
    try:
        enrollment = lesson_complete(enrollment=enrollment, lesson_id=lesson["id"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(
            "learning:lesson_detail", slug=course.slug, lesson_id=lesson["id"]
        )
    if enrollment.status == Enrollment.Status.COMPLETED:
        certificate = selectors.certificate_for_enrollment(enrollment=enrollment)
        messages.success(
            request,
            _("Congratulations! You completed %(course)s.") % {"course": course.title},
            extra_tags="celebrate",
        )
        if certificate is not None:
            return redirect(certificate)
        return redirect(course)
    if index + 1 < len(course.lessons):
        # The next page greets the learner with a small celebration.
        messages.success(
            request, _("Lesson complete. Well done!"), extra_tags="celebrate"
        )
        return redirect(
            "learning:lesson_detail",
            slug=course.slug,
            lesson_id=course.lessons[index + 1]["id"],
        )
    messages.info(
        request,
        _("Lesson complete. Pass the course assessments to finish the course."),
        extra_tags="celebrate",
    )
    return redirect(course)


@login_required
@require_POST
def lesson_heartbeat(request, slug, lesson_id):
    _course, _lesson, _index, live, _outline = _lesson_access(request, slug, lesson_id)
    enrollment = _studying(live)
    if enrollment is None:
        raise Http404("Not enrolled.")
    enrollment_heartbeat(enrollment=enrollment)
    return HttpResponse(status=204)


# ------------------------------------------------------------- certificates
@login_required
@require_GET
def certificate_list(request):
    certificates = selectors.certificate_list_for_user(user=request.user)
    paginator = Paginator(certificates, CERTIFICATES_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "learning/certificate_list.html", {"page": page})


@login_required
@require_GET
def certificate_detail(request, serial):
    certificate = selectors.certificate_get_for_user(user=request.user, serial=serial)
    return render(
        request,
        "learning/certificate_detail.html",
        {
            "certificate": certificate,
            "verify_url": certificate_verify_absolute_url(certificate),
        },
    )


@login_required
@require_GET
def certificate_download(request, serial):
    certificate = selectors.certificate_get_for_user(user=request.user, serial=serial)
    pdf = certificate_pdf(
        certificate=certificate, verify_url=certificate_verify_absolute_url(certificate)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate.serial_number}.pdf"'
    )
    return response


def certificate_verify_absolute_url(certificate) -> str:
    path = reverse(
        "learning:certificate_verify", kwargs={"serial": certificate.serial_number}
    )
    return settings.SITE_URL.rstrip("/") + path


@require_GET
@ratelimit(key="ip", rate=VERIFY_RATE, block=False)
def certificate_verify_lookup(request):
    """The public form: type a serial, see its verification page."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    form = CertificateLookupForm(request.GET if "serial" in request.GET else None)
    if form.is_valid():
        serial = form.cleaned_data["serial"]
        return redirect("learning:certificate_verify", serial=serial)
    return render(request, "learning/certificate_verify_lookup.html", {"form": form})


@require_GET
@ratelimit(key="ip", rate=VERIFY_RATE, block=False)
def certificate_verify(request, serial):
    """Public: anyone holding a certificate's serial can check it here."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    serial = serial.strip().upper()
    try:
        certificate = selectors.certificate_get_public(serial=serial)
    except Http404:
        return render(
            request, "learning/certificate_verify.html", {"serial": serial}, status=404
        )
    return render(
        request,
        "learning/certificate_verify.html",
        {
            "certificate": certificate,
            "student_name": selectors.public_student_name(certificate.student_name),
        },
    )
