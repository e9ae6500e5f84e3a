"""Per-view relaxations of the site-wide security headers."""

from django.conf import settings

from django_permissions_policy.decorators import permissions_policy_override


def permissions_policy_allow(*features: str):
    """Decorate a view that needs browser `features` (e.g. "microphone").

    The rest of the site-wide PERMISSIONS_POLICY still applies to that view;
    only the named features are allowed, and for this site alone.
    """
    return permissions_policy_override(
        {**settings.PERMISSIONS_POLICY, **dict.fromkeys(features, ["self"])}
    )
