from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

from accounts import views as account_views
from learning import views as learning_views
from learning.sitemaps import CourseSitemap
from urbanhome.core import views as core_views
from urbanhome.core.sitemaps import PublicPagesSitemap

SITEMAPS = {"pages": PublicPagesSitemap, "courses": CourseSitemap}

urlpatterns = [
    # The home page sells the courses, so the learning app draws it.
    path("", learning_views.home, name="home"),
    path("styleguide/", core_views.styleguide, name="styleguide"),
    path("about/", core_views.about, name="about"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("terms/", core_views.terms, name="terms"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("healthz/", core_views.healthz, name="healthz"),
    path(
        "favicon.ico",
        RedirectView.as_view(
            url=f"{settings.STATIC_URL}img/favicon.svg", permanent=True
        ),
    ),
    path("accounts/", include("allauth.urls")),
    # Before the admin's own URLs: its login goes through the throttled allauth login.
    path(
        f"{settings.ADMIN_URL}login/",
        account_views.admin_login,
        name="admin_login_redirect",
    ),
    path("", include("accounts.urls")),
    path("", include("learning.urls")),
    path("", include("learning.tutor.urls")),
    path("", include("payments.urls")),
    path("", include("assessments.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "urbanhome.core.errors.bad_request"
handler403 = "urbanhome.core.errors.permission_denied"
handler404 = "urbanhome.core.errors.page_not_found"
handler500 = "urbanhome.core.errors.server_error"
