"""In-app notifications (F2). A notification names what happened by kind and links by id:
its text is rendered, translated, when read, and it never copies personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE_INVITATION = "conference_invitation", _("You are invited to a case conference")
        TASK_ASSIGNED = "task_assigned", _("A task was given to you")
        CASE_OPENED_OUTSIDE_CASELOAD = (
            "glass_broken",
            _("A colleague opened a case outside their caseload"),
        )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("what"), max_length=30, choices=Kind.choices)
    link = models.CharField(_("link"), max_length=200)
    case_number = models.CharField(_("case number"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.kind
