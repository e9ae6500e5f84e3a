"""Sitemaps whose addresses use SITE_URL (not the Sites framework's domain)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SiteUrlSitemap(Sitemap):
    """A sitemap on the public address in SITE_URL, whatever host asked."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PublicPagesSitemap(SiteUrlSitemap):
    """The pages anyone may read without an account."""

    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "learning:course_list",
            "about",
            "privacy",
            "terms",
            "contact",
            "instructor_apply",
        ]

    def location(self, item):
        return reverse(item)
