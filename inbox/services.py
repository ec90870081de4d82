from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User

from .models import Notification

logger = logging.getLogger(__name__)


def notify(*, user: User, kind: str, link: str, case_number: str = "") -> Notification:
    """Put a notification in the user's inbox and, when TILTS_EMAIL_NOTIFICATIONS is on, e-mail
    it after the transaction commits. The e-mail names the case number, never the person."""
    notification = Notification.objects.create(
        user=user, kind=kind, link=link, case_number=case_number
    )
    if settings.TILTS_EMAIL_NOTIFICATIONS and user.email:
        transaction.on_commit(lambda: _email(notification))
    return notification


def _email(notification: Notification) -> None:
    user = notification.user
    with translation.override(user.preferred_language or "lv"):
        subject = str(notification.get_kind_display())
        if notification.case_number:
            subject += " — " + _("case %(number)s") % {"number": notification.case_number}
        body = _("Open it in Tilts: %(url)s") % {
            "url": settings.TILTS_BASE_URL.rstrip("/") + notification.link
        }
        try:
            send_mail(subject, body, None, [user.email])
        except Exception as error:
            logger.warning("notification e-mail not sent: %s", type(error).__name__)


def mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
