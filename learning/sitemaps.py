"""The published courses, for search engines (see urbanhome.urls)."""

from urbanhome.core.sitemaps import SiteUrlSitemap

from .models import Course


class CourseSitemap(SiteUrlSitemap):
    changefreq = "weekly"

    def items(self):
        return Course.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, course):
        return course.updated_at
