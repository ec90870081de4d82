from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals and help in kind")

    def ready(self) -> None:
        from cases.models import CaseEvent
        from core import timeline
        from core.panels import register

        from .models import timeline_detail
        from .panels import help_in_kind_panel

        register("case", help_in_kind_panel)
        timeline.register(CaseEvent.Kind.HELP_IN_KIND_GIVEN, timeline_detail)
