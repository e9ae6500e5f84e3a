"""{% cachedblock %} and {% sharedblock %}: page parts kept by what they show."""

from django.core.cache import caches
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

import pytest

TEMPLATE = Template(
    "{% load fragments %}"
    '{% cachedblock "t" who %}{{ who }} {{ extra }}{% endcachedblock %}|'
    '{% sharedblock "s" %}{{ extra }}{% endsharedblock %}'
)


def _render(*, who, extra, secret="secret-a"):
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = secret
    return TEMPLATE.render(Context({"request": request, "who": who, "extra": extra}))


@pytest.fixture(autouse=True)
def _empty():
    caches["fragments"].clear()


def test_a_block_is_rendered_once_for_the_values_it_names():
    assert _render(who="amani", extra="first") == "amani first|first"

    # `extra` is not among the values: the kept copies are served.
    assert _render(who="amani", extra="second") == "amani first|first"
    assert _render(who="wanjiru", extra="second") == "wanjiru second|first"


def test_a_cached_block_is_kept_per_csrf_secret_a_shared_one_is_not():
    _render(who="amani", extra="first", secret="secret-a")

    assert _render(who="amani", extra="second", secret="secret-b") == (
        "amani second|first"
    )


def test_each_language_has_its_own_copy():
    _render(who="amani", extra="first")

    with translation.override("sw"):
        assert _render(who="amani", extra="pili") == "amani pili|pili"


def test_a_block_needs_a_name():
    with pytest.raises(TemplateSyntaxError, match="needs a name"):
        Template("{% load fragments %}{% cachedblock %}x{% endcachedblock %}")
