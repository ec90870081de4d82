from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from accounts.models import Municipality, Organisation, User
        from people.models import (
            Client,
            ClientStatement,
            HealthRecord,
            IdentityDocument,
            IncomeSource,
        )

        from . import (
            page_stamps,
            permissions,  # noqa: F401 — registers the rules
        )
        from .models import Appointment, Case, CaseEvent, CaseNote, FollowUpCadence, TeamMember

        # What the case page shows (cases/page_stamps.py): its rows renew the page's stamp.
        page_stamps.watch_case_rows(Case, "id")
        for model in (CaseNote, Appointment, CaseEvent, TeamMember):
            page_stamps.watch_case_rows(model, "case")
        page_stamps.watch_client_rows(Client, "id")
        for person_model in (ClientStatement, IdentityDocument, IncomeSource, HealthRecord):
            page_stamps.watch_client_rows(person_model, "client")
        # Signing in writes only last_login: not a change to any page.
        page_stamps.watch_shared_rows(User, unless_changed="last_login")
        for shared in (Organisation, Municipality, FollowUpCadence):
            page_stamps.watch_shared_rows(shared)
        post_migrate.connect(page_stamps.install_after_migrate, sender=self)
