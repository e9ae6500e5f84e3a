"""Admin filters are titled by what they mean."""

import pytest


@pytest.mark.django_db
def test_admin_flag_filters_are_titled_by_what_they_mean(staff_client):
    page = staff_client.get("/admin/learning/course/").content.decode()

    assert "By published" in page
    assert "By featured" in page
    assert "By is published" not in page
