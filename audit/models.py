"""Who read what: every read of case data writes an AccessLog row (GDPR Art. 9/10 accountability).

Rows name the object by type and id; they never copy personal data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_logs"
    )
    object_type = models.CharField(_("what"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("which"))
    case_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, default="view")
    purpose = models.CharField(_("purpose"), max_length=250, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-at",)
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id}"


class SignInEvent(models.Model):
    """Every sign-in, failed sign-in and sign-out (issue 6). The user is recorded when known;
    the typed e-mail address and the IP address are not kept."""

    class Outcome(models.TextChoices):
        SUCCEEDED = "succeeded", _("signed in")
        FAILED = "failed", _("sign-in failed")
        CODE_FAILED = "code_failed", _("wrong authenticator code")
        LOCKED_OUT = "locked_out", _("sign-in blocked after repeated failures")
        SIGNED_OUT = "signed_out", _("signed out")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sign_in_events",
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-at",)
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")

    def __str__(self) -> str:
        return self.outcome
