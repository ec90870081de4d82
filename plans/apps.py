from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Cooperation plans and agreements")

    def ready(self) -> None:
        from core.panels import register

        from .panels import reminders_panel

        register("caseload", reminders_panel)
