from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Tasks")

    def ready(self) -> None:
        from core.panels import register

        from .panels import my_tasks_panel

        register("caseload", my_tasks_panel)
