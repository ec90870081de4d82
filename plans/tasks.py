"""The daily reminder digest as a `django.tasks` task on the huey backend (settings.TASKS).

In production `manage.py run_huey` runs queued tasks and fires `daily_reminder_digest` at
07:00; in development and tests huey runs tasks at once (HUEY_IMMEDIATE). `manage.py
send_reminder_digest` queues one by hand."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .selectors import reminders_for


@task
def send_reminder_digest() -> int:
    """E-mail each active worker the obligations and plan actions of their cases that are
    overdue or due within seven days. Case numbers only: no names leave the system by e-mail.
    Returns the number of e-mails sent."""
    sent = 0
    today = timezone.localdate()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    for user in users.iterator():
        reminders = reminders_for(user, today=today)
        if not reminders:
            continue
        with translation.override(getattr(user, "preferred_language", "") or "lv"):
            body = render_to_string(
                "plans/reminder_digest.txt", {"reminders": reminders, "today": today}
            )
            send_mail(
                subject=_("Tilts: %(count)s reminders") % {"count": len(reminders)},
                message=body,
                from_email=None,
                recipient_list=[user.email],
            )
        sent += 1
    return sent


@db_periodic_task(crontab(hour="7", minute="0"))
def daily_reminder_digest() -> None:
    """Every morning at 07:00 (the huey consumer's clock): queue the digest."""
    send_reminder_digest.enqueue()
