from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Services directory")

    def ready(self) -> None:
        from cases.models import CaseEvent
        from core import timeline
        from core.panels import register

        from .models import referral_timeline_detail
        from .panels import case_referrals_panel, overdue_referrals_panel

        register("case", case_referrals_panel)
        register("caseload", overdue_referrals_panel)
        timeline.register(CaseEvent.Kind.REFERRAL_MADE, referral_timeline_detail)
        timeline.register(CaseEvent.Kind.REFERRAL_UPDATED, referral_timeline_detail)
