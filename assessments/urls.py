from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("assessments/grading/", views.grading_queue, name="grading_queue"),
    path("assessments/<uuid:assessment_id>/", views.assessment_intro, name="intro"),
    path(
        "assessments/<uuid:assessment_id>/start/",
        views.assessment_start,
        name="start",
    ),
    path(
        "assessments/attempts/<uuid:submission_id>/",
        views.submission_take,
        name="take",
    ),
    path(
        "assessments/attempts/<uuid:submission_id>/hand-in/",
        views.submission_hand_in,
        name="hand_in",
    ),
    path(
        "assessments/attempts/<uuid:submission_id>/autosave/",
        views.submission_autosave_view,
        name="autosave",
    ),
    path(
        "assessments/attempts/<uuid:submission_id>/result/",
        views.submission_result,
        name="result",
    ),
    path(
        "assessments/attempts/<uuid:submission_id>/grade/",
        views.submission_grade_view,
        name="grade",
    ),
    path(
        "assessments/attempts/<uuid:submission_id>/override/",
        views.submission_override_view,
        name="override",
    ),
    path(
        "assessments/<uuid:assessment_id>/analysis/",
        views.assessment_analysis,
        name="analysis",
    ),
    path(
        "assessments/courses/<slug:slug>/gradebook/",
        views.gradebook,
        name="gradebook",
    ),
    path(
        "assessments/courses/<slug:slug>/gradebook.csv",
        views.gradebook_csv,
        name="gradebook_csv",
    ),
]
