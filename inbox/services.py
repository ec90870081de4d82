from __future__ import annotations

from django.utils import timezone

from accounts.models import User

from .models import Notification


def notify(*, user: User, kind: str, link: str, case_number: str = "") -> Notification:
    """Put a notification in the user's inbox (e-mail can follow when configured)."""
    return Notification.objects.create(user=user, kind=kind, link=link, case_number=case_number)


def mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
