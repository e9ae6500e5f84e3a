from django.utils.functional import SimpleLazyObject


def notifications(request):
    """Unread count for the header badge, computed only if a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}

    def count():
        from .selectors import notification_unread_count

        return notification_unread_count(user=user)

    return {"unread_notifications": SimpleLazyObject(count)}
