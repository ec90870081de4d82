from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Services directory")

    def ready(self) -> None:
        from core.panels import register

        from .panels import case_referrals_panel, overdue_referrals_panel

        register("case", case_referrals_panel)
        register("caseload", overdue_referrals_panel)
