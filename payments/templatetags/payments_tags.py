from django import template

from urbanhome.core.money import format_money

register = template.Library()


@register.filter
def money(amount, currency="KES"):
    """{{ amount|money:currency }} → "KES 1,500"."""
    return format_money(amount, currency)
