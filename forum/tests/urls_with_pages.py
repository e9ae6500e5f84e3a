"""The site's URLconf plus a forum thread page, as the forum pages will add."""

from django.http import HttpResponse
from django.urls import include, path

from urbanhome.urls import urlpatterns as site_patterns

forum_patterns = (
    [path("posts/<uuid:pk>/", lambda request, pk: HttpResponse(), name="post_detail")],
    "forum",
)

urlpatterns = [*site_patterns, path("forum/", include(forum_patterns))]
