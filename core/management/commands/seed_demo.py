"""Load synthetic demo data: `manage.py seed_demo`. Refuses to run outside development settings."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation

from accounts import demo as accounts_demo
from cases import demo as cases_demo
from diagrams import demo as diagrams_demo
from directory import demo as directory_demo
from employment import demo as employment_demo
from plans import demo as plans_demo
from referrals import demo as referrals_demo


class Command(BaseCommand):
    help = "Create synthetic demo organisations, users and cases (development only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Demo data is synthetic and may only be loaded with development settings."
            )
        started = timezone.now()
        with transaction.atomic(), translation.override("en"):
            logins = accounts_demo.seed()
            cases = cases_demo.seed()
            plans_demo.seed()
            diagrams_demo.seed()
            employment_demo.seed()
            directory = directory_demo.seed()
            referrals_demo.seed()
            if cases:
                cases_demo.date_timeline(since=started)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded ({cases} new cases; directory: "
                f"{directory.created['service'] + directory.updated['service']} services)."
            )
        )
        self.stdout.write("Sign in at http://127.0.0.1:8000/account/login/ with:")
        self.stdout.write(f"  password for every demo user: {accounts_demo.DEMO_PASSWORD}")
        self.stdout.write(
            "  second factor: 000000 in local development, or a code from any authenticator app"
            f" set up with the secret {accounts_demo.DEMO_TOTP_SECRET}"
        )
        width = max(len(email) for email, _role, _org in logins)
        for email, role, organisation in logins:
            self.stdout.write(f"  {email.ljust(width)}  {role:<28} {organisation}")
