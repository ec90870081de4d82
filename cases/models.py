"""The case: a person's episode with one organisation, its team, timeline, notes and meetings."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Organisation
from core.sensitivity import ConcernsSensitive
from people.models import Client

from .methods import Method


class CaseStatus(models.TextChoices):
    PRE_RELEASE = "pre_release", _("pre-release")
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    CLOSED = "closed", _("closed")


class ClosureReason(models.TextChoices):
    GOALS_ACHIEVED = "goals_achieved", _("goals achieved")
    MOVED = "moved", _("moved to another municipality")
    TRANSFERRED = "transferred", _("transferred to another organisation")
    CLIENT_DECLINED = "client_declined", _("client declined further help")
    LOST_CONTACT = "lost_contact", _("contact lost")
    RETURNED_TO_PRISON = "returned_to_prison", _("returned to a place of imprisonment")
    DIED = "died", _("died")
    OTHER = "other", _("other")


class TeamRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("social worker")
    PROBATION_OFFICER = "probation_officer", _("probation officer")
    NARCOLOGIST = "narcologist", _("narcologist")
    EMPLOYMENT_AGENCY_WORKER = "employment_agency_worker", _("employment agency worker")
    FAMILY_DOCTOR = "family_doctor", _("family doctor")
    PSYCHOLOGIST = "psychologist", _("psychologist")
    NGO_WORKER = "ngo_worker", _("NGO worker")
    OTHER = "other", _("other")


class Case(models.Model):
    number = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="cases", verbose_name=_("client")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    closure_reason = models.CharField(
        _("reason for closing"), max_length=30, choices=ClosureReason.choices, blank=True
    )
    lead_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_cases",
        verbose_name=_("lead worker"),
    )
    opened_on = models.DateField(_("opened"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-opened_on", "-pk")
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes: ClassVar = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["lead_worker", "status"]),
        ]

    def __str__(self) -> str:
        return self.number


class TeamMember(models.Model):
    """A professional on the case team (F1), possibly from another organisation."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_teams",
        verbose_name=_("team member"),
    )
    role = models.CharField(_("role on the team"), max_length=30, choices=TeamRole.choices)
    is_active = models.BooleanField(_("active"), default=True)
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("role",)
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="team_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class CaseEvent(models.Model):
    """The case timeline. Carries ids and codes, never free text: it is rendered, translated,
    from `kind` and `data`, so it can be shown in any language."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Case opened")
        ASSIGNED = "assigned", _("Lead worker assigned")
        STATUS_CHANGED = "status_changed", _("Status changed")
        TEAM_MEMBER_ADDED = "team_member_added", _("Team member added")
        NOTE_ADDED = "note_added", _("Note added")
        NOTE_EDITED = "note_edited", _("Note corrected")
        APPOINTMENT_PLANNED = "appointment_planned", _("Meeting planned")
        APPOINTMENT_HELD = "appointment_held", _("Meeting held")
        APPOINTMENT_MISSED = "appointment_missed", _("Meeting missed")
        APPOINTMENT_CANCELLED = "appointment_cancelled", _("Meeting cancelled")
        STATEMENT_RECORDED = "statement_recorded", _("Client's own words recorded")
        CLIENT_UPDATED = "client_updated", _("Personal details corrected")
        DOCUMENTS_UPDATED = "documents_updated", _("Documents updated")
        INCOME_UPDATED = "income_updated", _("Income updated")
        HEALTH_UPDATED = "health_updated", _("Health section updated")
        TEAM_MEMBER_REMOVED = "team_member_removed", _("Team member removed")
        CONSENT_RECORDED = "consent_recorded", _("Consent to share recorded")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent to share withdrawn")
        LEGAL_BASIS_RECORDED = "legal_basis_recorded", _("Legal basis for sharing recorded")
        LEGAL_BASIS_WITHDRAWN = "legal_basis_withdrawn", _("Legal basis for sharing withdrawn")
        ACCESS_GRANTED = "access_granted", _("Opened outside the caseload")
        CONFERENCE_PLANNED = "conference_planned", _("Case conference planned")
        CONFERENCE_SIGNED_OFF = "conference_signed_off", _("Case conference record signed off")
        EMPLOYMENT_PROFILE_UPDATED = "employment_profile_updated", _("Employment profile updated")
        PLACEMENT_RECORDED = "placement_recorded", _("Started work (placement recorded)")
        PLACEMENT_FOLLOWED_UP = "placement_followed_up", _("Work placement followed up")
        REFERRAL_MADE = "referral_made", _("Referred to a service")
        REFERRAL_UPDATED = "referral_updated", _("Referral updated")
        HELP_IN_KIND_GIVEN = "help_in_kind_given", _("Help in kind recorded")
        DIAGRAM_UPDATED = "diagram_updated", _("Diagram updated")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-occurred_at", "-pk")

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def detail(self) -> str:
        """A short translated detail from the data, where the writing app registered one."""
        from core.timeline import detail_of

        return detail_of(self.kind, self.data or {})


class ContactType(models.TextChoices):
    OFFICE = "office", _("meeting in the office")
    HOME_VISIT = "home_visit", _("home visit")
    PHONE = "phone", _("phone call")
    VIDEO = "video", _("video call")
    MESSAGE = "message", _("message")
    WITH_PROFESSIONAL = "with_professional", _("with another professional")


class Confidentiality(models.TextChoices):
    NORMAL = "normal", _("normal: everyone with access to the case")
    TEAM = "team", _("restricted to the case team")
    AUTHOR = "author", _("only me")


class CaseNote(ConcernsSensitive, models.Model):
    """A record of contact. Edits keep their history (simple-history) and add a timeline event."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_notes"
    )
    occurred_on = models.DateField(_("date of contact"))
    contact_type = models.CharField(
        _("type of contact"), max_length=20, choices=ContactType.choices
    )
    methods = models.JSONField(_("methods used"), default=list, blank=True)
    participants = models.CharField(_("participants"), max_length=250, blank=True)
    text = models.TextField(_("note"))
    confidentiality = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=Confidentiality.choices,
        default=Confidentiality.NORMAL,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-occurred_on", "-pk")
        indexes: ClassVar = [models.Index(fields=["case", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.occurred_on}: {self.get_contact_type_display()}"

    def method_labels(self) -> list[str]:
        return [str(Method(code).label) for code in self.methods if code in Method.values]


class Appointment(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        MISSED = "missed", _("missed")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    place = models.CharField(_("place"), max_length=200)
    with_whom = models.CharField(_("with whom"), max_length=200, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("worker"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    outcome = models.TextField(_("outcome"), blank=True)
    # RFC 5545 SEQUENCE of the meeting in the calendar feed: raised by every change the feed
    # shows (cases/ical.py), so calendars update the meeting instead of adding another.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ("starts_at",)
        indexes: ClassVar = [
            models.Index(fields=["case", "status", "starts_at"]),
            models.Index(fields=["worker", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"

    FEED_FIELDS: ClassVar = ("starts_at", "duration_minutes", "place", "status")

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A change of what the calendar feed shows raises `sequence`, whichever code saves."""
        if self.pk is not None:
            stored = (
                type(self).objects.filter(pk=self.pk).values("sequence", *self.FEED_FIELDS).first()
            )
            if stored is not None and any(
                stored[name] != getattr(self, name) for name in self.FEED_FIELDS
            ):
                self.sequence = stored["sequence"] + 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)


class FollowUpCadence(models.Model):
    """How often to meet, front-loaded (D9): each step is "until day N of the case, every M days".
    One row per organisation; organisations without one use DEFAULT_STEPS."""

    DEFAULT_STEPS: ClassVar[list[list[int | None]]] = [[30, 7], [90, 14], [None, 30]]

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="follow_up_cadence"
    )
    steps = models.JSONField(_("steps"), default=list)

    class Meta:
        verbose_name = _("follow-up cadence")

    def __str__(self) -> str:
        return str(self.organisation)


class CaseAccessGrant(models.Model):
    """ "Break the glass": a colleague opens a case outside their caseload, giving a reason.
    The grant is short-lived and every grant is shown to the organisation's supervisors."""

    HOURS = 8

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_access_grants"
    )
    reason = models.CharField(_("reason"), max_length=250)
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        ordering = ("-granted_at",)
        indexes: ClassVar = [models.Index(fields=["case", "user", "expires_at"])]
        verbose_name = _("access outside the caseload")
        verbose_name_plural = _("accesses outside the caseload")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.user_id}"


class PageStamp(models.Model):
    """A random token per case, renewed by database triggers whenever something its page shows
    changes; row 0 for what every case page shows (names). Written only by the triggers of
    cases/page_stamps.py, read into the case page's cache key (issue 10)."""

    case_id = models.BigIntegerField(primary_key=True)
    stamp = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.case_id}: {self.stamp}"
