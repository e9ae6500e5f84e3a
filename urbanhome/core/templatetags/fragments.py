"""`{% cachedblock %}`: a part of a page kept in the cache (base.html's
header and footer).

    {% load fragments %}
    {% cachedblock "header" user.pk user.role unread_notifications %}
      ...
    {% endcachedblock %}

`{% sharedblock %}` is the same for a block with no form in it (footer, a
lesson's text): one copy for every visitor instead of one per CSRF secret.
A CSRF token inside a shared block would be another visitor's: keep forms
out of them.

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
    def __init__(self, nodelist, name, vary_on, *, per_visitor=True):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.per_visitor = per_visitor

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
            per_visitor=self.per_visitor,
        )
        return mark_safe(html)  # noqa: S308 - what the template itself rendered


def _block(parser, token, *, per_visitor):
    bits = token.split_contents()
    tag = bits[0]
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f'{{% {tag} %}} needs a name: {{% {tag} "header" value … %}}'
        )
    nodelist = parser.parse((f"end{tag}",))
    parser.delete_first_token()
    return CachedBlockNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        per_visitor=per_visitor,
    )


@register.tag
def cachedblock(parser, token):
    return _block(parser, token, per_visitor=True)


@register.tag
def sharedblock(parser, token):
    return _block(parser, token, per_visitor=False)
