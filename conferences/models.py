"""Interprofessional case conferences (F1–F3, E3 "case conference"): who takes part, the agenda
built from the case, minutes, decisions and actions that become tasks of their owners."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Case, TeamRole
from tasks.models import Task


class CaseConference(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held, minutes open")
        SIGNED_OFF = "signed_off", _("signed off by the chair")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conferences")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("chair"),
    )  # fmt: skip
    client_invited = models.BooleanField(_("the client takes part"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("-starts_at",)
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")

    def __str__(self) -> str:
        return f"{self.case_id} {self.starts_at:%Y-%m-%d}"


class Participant(models.Model):
    conference = models.ForeignKey(
        CaseConference, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=30, choices=TeamRole.choices)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conference", "user"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return str(self.user_id)


class Action(models.Model):
    """A decision turned into work: one owner, one deadline, a task on the owner's list."""

    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="actions")
    task = models.OneToOneField(Task, on_delete=models.PROTECT, related_name="conference_action")

    def __str__(self) -> str:
        return str(self.task_id)
