from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from audit.reads import reads_of, shows_cases
from cases.models import Case
from cases.view_helpers import acting_user

from .models import Notification
from .services import mark_read


@shows_cases()
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first; opening the inbox marks them read."""
    notifications = list(Notification.objects.filter(user=acting_user(request))[:100])
    mark_read(user=acting_user(request))
    # A notification names its case by number (never the person): a read of the case.
    numbers = {n.case_number for n in notifications if n.case_number}
    if numbers:
        shown = Case.objects.filter(number__in=numbers).values_list("pk", flat=True)
        reads_of(request).cases(sorted(shown))
    return render(request, "inbox/inbox.html", {"notifications": notifications})
