"""The one registry pattern: typed, registered once, filled in ready()."""

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command

import pytest

from accounts.admin_scope import instructor_student_filters
from accounts.dashboard import child_parts, sections
from accounts.data_export import exporters
from accounts.services.roles import instructor_permissions
from learning.completion import completion_requirements
from payments import fulfilment
from payments.models import Purpose
from urbanhome.core.checks import registries_report
from urbanhome.core.registry import Registry, UnknownKey


def test_a_key_is_registered_once():
    registry = Registry("test.once")
    registry.register("a", 1)

    with pytest.raises(ImproperlyConfigured, match="'a' is already registered"):
        registry.register("a", 2)

    assert registry.get("a") == 1


def test_an_unknown_key_names_the_registered_ones():
    registry = Registry("test.unknown")
    registry.register("b", 1)
    registry.register("a", 2)

    with pytest.raises(UnknownKey, match=r"'c' in test.unknown \(registered: a, b\)"):
        registry.get("c")


def test_two_registries_cannot_share_a_name():
    Registry("test.named")

    with pytest.raises(ImproperlyConfigured, match="already exists"):
        Registry("test.named")


def test_entries_come_in_key_order():
    registry = Registry("test.order")
    registry.register("b", 2)
    registry.register("a", 1)

    assert registry.items() == [("a", 1), ("b", 2)]
    assert registry.values() == [1, 2]
    assert "a" in registry and len(registry) == 2


def test_override_restores_the_previous_entry_afterwards():
    registry = Registry("test.override")
    registry.register("a", 1)

    with registry.override("a", 9), registry.override("new", 5):
        assert registry.get("a") == 9
        assert registry.get("new") == 5

    assert registry.items() == [("a", 1)]


def test_the_apps_fill_every_registry_in_their_ready():
    assert "course_enrollment" in fulfilment.fulfilment_handlers
    assert {"learning.continue", "assessments.upcoming"} <= set(sections.keys())
    assert {"learning.courses", "assessments.recent_results"} <= set(child_parts.keys())
    assert set(exporters.keys()) == {
        "assessment_submissions",
        "forum",
        "learning",
        "payments",
        "store",
    }
    assert instructor_student_filters.keys() == ["learning.course_students"]
    assert instructor_permissions.keys() == ["accounts", "assessments", "learning"]
    assert completion_requirements.keys() == ["assessments.passed"]


def test_the_report_lists_what_is_registered(settings):
    settings.DEBUG = True

    report = registries_report()

    assert "payments.fulfilment: course_enrollment" in report
    assert "learning.completion_requirements: assessments.passed" in report


def test_manage_py_check_shows_the_registries_in_development(settings, capsys):
    settings.DEBUG = True

    call_command("check")

    assert "accounts.data_export: assessment_submissions" in capsys.readouterr().out


def test_other_commands_do_not_print_the_registries(settings):
    """The listing is no system check: those run before every command."""
    from django.core import checks

    settings.DEBUG = True

    messages = checks.run_checks()

    assert not [m for m in messages if "Registered extensions" in m.msg]


def test_the_registry_listing_stays_out_of_production_checks(settings, capsys):
    settings.DEBUG = False

    call_command("check")

    assert registries_report() == ""
    assert "Registered extensions" not in capsys.readouterr().out


# ----------------------------------------------------------- payment purposes
def test_every_purpose_on_sale_has_a_fulfilment_handler():
    assert fulfilment.fulfilment_check() == []


def test_the_check_refuses_a_purpose_on_sale_without_a_handler(monkeypatch):
    monkeypatch.setattr(
        fulfilment,
        "PURPOSES_ON_SALE",
        frozenset({Purpose.COURSE_ENROLLMENT, Purpose.STORE_ORDER}),
    )

    (error,) = fulfilment.fulfilment_check()

    assert error.id == "payments.E001"
    assert "'store_order'" in error.msg


def test_a_handler_must_be_for_a_known_purpose():
    with pytest.raises(ImproperlyConfigured, match="'raffle' is not a payment"):
        fulfilment.register_fulfilment(purpose="raffle", handler=lambda **kw: None)

    assert "raffle" not in fulfilment.fulfilment_handlers


def test_a_second_handler_for_a_purpose_is_refused():
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        fulfilment.register_fulfilment(
            purpose=Purpose.COURSE_ENROLLMENT, handler=lambda **kw: None
        )


def test_fulfilling_an_unknown_purpose_is_a_validation_error():
    class Payment:
        transaction_metadata = {"purpose": "raffle"}

    with pytest.raises(ValidationError) as exc:
        fulfilment.fulfil(transaction=Payment())

    assert exc.value.code == "unknown_purpose"
