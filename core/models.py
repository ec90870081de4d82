"""The one model of core: the one-time tokens of submitted forms (issue 28, finding 8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmittedForm(models.Model):
    """A create form's one-time token, claimed by the first POST that carried it.

    `result_url` is where that POST sent the user; a repeated POST of the same token goes there
    instead of creating a second object. Kept for a day (core.submit_once.KEEP)."""

    token = models.CharField(_("token"), max_length=64, primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(_("form address"), max_length=500)
    result_url = models.CharField(_("result address"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")
        indexes = [models.Index(fields=["user", "created_at"], name="core_submitted_user_time")]

    def __str__(self) -> str:
        return f"{self.path} {self.created_at:%Y-%m-%d %H:%M}"
