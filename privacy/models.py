"""Accountability for erasure: which record was anonymised, why and when — no personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Anonymisation(models.Model):
    class Ground(models.TextChoices):
        REQUEST = "request", _("the person's request")
        RETENTION = "retention", _("retention period ended")

    client_id = models.PositiveBigIntegerField(_("client number"), db_index=True)
    ground = models.CharField(_("ground"), max_length=12, choices=Ground.choices)
    reason = models.CharField(_("reason"), max_length=250, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ("-at",)
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self) -> str:
        return f"{self.client_id}"
