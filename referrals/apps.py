from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals and help in kind")

    def ready(self) -> None:
        from cases import page_stamps
        from cases.models import CaseEvent
        from core import timeline
        from core.panels import register
        from directory.models import DirectoryOrganisation, Need, Service, ServiceNeed

        from .models import HelpInKind, Referral, referral_timeline_detail, timeline_detail
        from .panels import case_referrals_panel, help_in_kind_panel, overdue_referrals_panel

        register("case", case_referrals_panel)
        register("case", help_in_kind_panel)
        register("caseload", overdue_referrals_panel)
        timeline.register(CaseEvent.Kind.HELP_IN_KIND_GIVEN, timeline_detail)
        timeline.register(CaseEvent.Kind.REFERRAL_MADE, referral_timeline_detail)
        timeline.register(CaseEvent.Kind.REFERRAL_UPDATED, referral_timeline_detail)
        # The case page's panels show these (cases/page_stamps.py).
        page_stamps.watch_case_rows(Referral, "case")
        page_stamps.watch_case_rows(HelpInKind, "case")
        page_stamps.watch_shared_rows(Service)
        page_stamps.watch_shared_rows(DirectoryOrganisation)
        # Whether a referral or help in kind concerns health follows its service's needs
        # (consent/disclosure.py), which decides what another organisation's reader sees.
        page_stamps.watch_shared_rows(ServiceNeed)
        page_stamps.watch_shared_rows(Need)
