"""Presentational helpers of the accounts templates."""

from django import template

from accounts.devices import device_describe

register = template.Library()


@register.filter
def device_name(user_agent):
    """Describe a session's user agent for people ("Chrome on Android")."""
    return device_describe(user_agent)
