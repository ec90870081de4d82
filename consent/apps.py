from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "consent"
    verbose_name = _("Consent to share")

    def ready(self) -> None:
        from . import permissions  # noqa: F401 — registers the rules
