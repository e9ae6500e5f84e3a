"""Account pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render


@login_required
def dashboard(request):
    """Send each role to its own landing page."""
    user = request.user
    if user.is_staff and user.is_platform_staff:
        return redirect("admin:index")
    return render(request, "accounts/dashboard.html", {"user": user})
