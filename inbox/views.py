from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.view_helpers import acting_user

from .models import Notification
from .services import mark_read


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first; opening the inbox marks them read."""
    notifications = list(Notification.objects.filter(user=acting_user(request))[:100])
    mark_read(user=acting_user(request))
    return render(request, "inbox/inbox.html", {"notifications": notifications})
