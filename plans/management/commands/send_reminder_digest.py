"""Enqueue the daily reminder digest (plans.tasks.send_reminder_digest). Run it once a day."""

from typing import Any

from django.core.management.base import BaseCommand

from plans.tasks import send_reminder_digest


class Command(BaseCommand):
    help = "Send each worker the obligations and plan actions due within 7 days or overdue."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_reminder_digest.enqueue()
        self.stdout.write(f"Reminder digest enqueued ({result.status}).")
