from django.urls import path, register_converter

from . import views
from .converters import CertificateSerialConverter

register_converter(CertificateSerialConverter, "serial")

app_name = "learning"
urlpatterns = [
    path("courses/", views.course_list, name="course_list"),
    # The slug may also be the course's id (UUID): the page redirects to the slug URL.
    path("courses/<slug:slug>/", views.course_detail, name="course_detail"),
    path("courses/<slug:slug>/enrol/", views.course_enroll, name="course_enroll"),
    path("courses/<slug:slug>/drop/", views.course_drop, name="course_drop"),
    path("courses/<slug:slug>/review/", views.course_review, name="course_review"),
    path(
        "courses/<slug:slug>/ask-to-pay/",
        views.course_payment_request,
        name="course_payment_request",
    ),
    path(
        "courses/<slug:slug>/lessons/<str:lesson_id>/",
        views.lesson_detail,
        name="lesson_detail",
    ),
    path(
        "courses/<slug:slug>/lessons/<str:lesson_id>/complete/",
        views.lesson_mark_complete,
        name="lesson_complete",
    ),
    path(
        "courses/<slug:slug>/lessons/<str:lesson_id>/heartbeat/",
        views.lesson_heartbeat,
        name="lesson_heartbeat",
    ),
    path("certificates/", views.certificate_list, name="certificate_list"),
    path(
        "certificates/verify/",
        views.certificate_verify_lookup,
        name="certificate_verify_lookup",
    ),
    path(
        "certificates/verify/<serial:serial>/",
        views.certificate_verify,
        name="certificate_verify",
    ),
    path(
        "certificates/<serial:serial>/",
        views.certificate_detail,
        name="certificate_detail",
    ),
    path(
        "certificates/<serial:serial>/pdf/",
        views.certificate_download,
        name="certificate_pdf",
    ),
]
