from django.contrib.sites.models import Site
from django.test import override_settings

import pytest

from urbanhome.core.sites import site_sync


@pytest.mark.django_db
def test_the_migrated_site_record_names_the_school_not_example_com():
    site = Site.objects.get_current()

    assert site.name == "Urban Home School"
    assert site.domain != "example.com"


@pytest.mark.django_db
@override_settings(SITE_URL="https://urbanhomeschool.co.ke")
def test_site_sync_follows_site_url():
    site_sync()

    assert Site.objects.get_current().domain == "urbanhomeschool.co.ke"
