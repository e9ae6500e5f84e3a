from django.urls import path

from . import views

app_name = "tutor"
urlpatterns = [
    path("tutor/", views.tutor_home, name="home"),
    path("tutor/send/", views.tutor_send, name="send"),
    path("tutor/mode/", views.tutor_mode, name="mode"),
    path("tutor/policy/<uuid:pk>/", views.tutor_policy, name="policy"),
    path(
        "tutor/children/<uuid:pk>/",
        views.child_conversation,
        name="child_conversation",
    ),
]
