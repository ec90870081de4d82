from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals and help in kind")

    def ready(self) -> None:
        from cases.models import CaseEvent
        from core import timeline
        from core.panels import register

        from .models import referral_timeline_detail, timeline_detail
        from .panels import case_referrals_panel, help_in_kind_panel, overdue_referrals_panel

        register("case", case_referrals_panel)
        register("case", help_in_kind_panel)
        register("caseload", overdue_referrals_panel)
        timeline.register(CaseEvent.Kind.HELP_IN_KIND_GIVEN, timeline_detail)
        timeline.register(CaseEvent.Kind.REFERRAL_MADE, referral_timeline_detail)
        timeline.register(CaseEvent.Kind.REFERRAL_UPDATED, referral_timeline_detail)
