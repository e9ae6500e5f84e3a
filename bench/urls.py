"""URLs of the bare benchmark server (bench/settings.py); never in production."""

from django.urls import path

from . import views

urlpatterns = [
    path("healthz/", views.healthz),
    path("bare/<slug:page>/", views.bare_page),
]
