"""Telling the apps above payments that a subscription stopped giving access.

Payments knows nothing of what a plan's features open (learning's courses,
the tutor...). An app that grants something because of a subscription
registers a listener in its `AppConfig.ready()`; payments calls every
listener, inside the database transaction that ends the subscription
(expired, canceled at the period end, refunded), so access and
subscription never disagree.
"""

from __future__ import annotations

from collections.abc import Callable

from urbanhome.core.registry import Registry

# key ("learning.course_access") -> listener(subscription=...)
subscription_end_listeners: Registry[Callable] = Registry("payments.subscription_end")


def register_subscription_end(*, key: str, listener: Callable) -> None:
    """Call `listener(subscription=...)` whenever a subscription ends."""
    subscription_end_listeners.register(key, listener)


def subscription_ended(*, subscription) -> None:
    """Run every listener for `subscription`, which has just ended."""
    for _key, listener in subscription_end_listeners.items():
        listener(subscription=subscription)
