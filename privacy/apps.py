from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        from . import permissions  # noqa: F401 — registers the rules
