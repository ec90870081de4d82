from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentConfig(AppConfig):
    name = "employment"
    verbose_name = _("Employment")

    def ready(self) -> None:
        from core.panels import register

        from . import permissions, receivers  # noqa: F401 — registers rules and receivers
        from .panels import follow_ups_panel

        register("caseload", follow_ups_panel)
