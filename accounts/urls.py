from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("children/add/", views.child_add, name="child_add"),
    path("children/link/", views.child_link, name="child_link"),
    path("children/<uuid:pk>/", views.child_detail, name="child_detail"),
    path("children/<uuid:pk>/edit/", views.child_edit, name="child_edit"),
    path("children/<uuid:pk>/password/", views.child_password, name="child_password"),
    path("notifications/", views.notification_list, name="notification_list"),
    path(
        "notifications/read-all/",
        views.notification_read_all,
        name="notification_read_all",
    ),
    path(
        "notifications/<uuid:pk>/read/",
        views.notification_read,
        name="notification_read",
    ),
    path("account/pairing-code/", views.pairing_code, name="pairing_code"),
    path("account/assistant/", views.assistant_settings, name="assistant_settings"),
    path("account/export/", views.data_export, name="data_export"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("contact/", views.contact, name="contact"),
    path("instructors/apply/", views.instructor_apply, name="instructor_apply"),
    path(
        "instructors/applications/<uuid:pk>/files/<slug:kind>/",
        views.instructor_application_file,
        name="instructor_application_file",
    ),
]
