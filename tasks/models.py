"""A case's shared task list across organisations (F1–F3): each task has one owner in their
own organisation, a due date and a status."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Organisation
from cases.models import Case


class Task(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=250)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks",
        verbose_name=_("owner"),
    )  # fmt: skip
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="tasks",
        verbose_name=_("organisation"),
    )  # fmt: skip
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("due_on", "pk")
        indexes = [
            models.Index(fields=["owner", "status", "due_on"]),
            models.Index(fields=["organisation", "status", "due_on"]),
        ]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title
