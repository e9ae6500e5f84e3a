from django.utils.functional import SimpleLazyObject


def notifications(request):
    """Header data: the unread badge, and whether the parent manages this
    account (then the password and email links are not offered). Both are
    computed only if a page uses them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0, "is_managed_child": False}

    def count():
        from .selectors import notification_unread_count

        return notification_unread_count(user=user)

    def managed():
        from .selectors import user_is_managed_child

        return user_is_managed_child(user=user)

    return {
        "unread_notifications": SimpleLazyObject(count),
        "is_managed_child": SimpleLazyObject(managed),
    }
