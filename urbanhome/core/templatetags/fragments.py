"""`{% cachedblock %}`: a part of a page kept in the cache (base.html's
header and footer).

    {% load fragments %}
    {% cachedblock "header" user.pk user.role unread_notifications %}
      ...
    {% endcachedblock %}

The block is rendered once for each combination of the values after its
name (everything it shows must be among them), per language, static files'
hash and CSRF secret (urbanhome.core.pagecache.fragment_get_or_build), and
kept for PAGE_TIMEOUT seconds in the `fragments` cache: a key naming all
that the block shows never needs dropping, so each worker keeps its own
copy in memory (settings.CACHES; the default cache if it is not set).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.core.cache import caches
from django.utils.safestring import mark_safe

from urbanhome.core.pagecache import PAGE_TIMEOUT, fragment_get_or_build

register = template.Library()


class CachedBlockNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        name = self.name.resolve(context)
        parts = [str(value.resolve(context)) for value in self.vary_on]
        html = fragment_get_or_build(
            context.get("request"),
            name=f"block:{name}",
            parts=parts,
            build=lambda: str(self.nodelist.render(context)),
            timeout=PAGE_TIMEOUT,
            store=caches["fragments" if "fragments" in settings.CACHES else "default"],
        )
        return mark_safe(html)  # noqa: S308 - what the template itself rendered


@register.tag
def cachedblock(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            '{% cachedblock %} needs a name: {% cachedblock "header" value … %}'
        )
    nodelist = parser.parse(("endcachedblock",))
    parser.delete_first_token()
    return CachedBlockNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
    )
