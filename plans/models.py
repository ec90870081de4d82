"""The cooperation plan (C1) and the participation agreement (C2–C4).

Agreements live here, not in an app of their own: an agreement is signed on one agreed plan
version, its obligations are the plan's actions in contract form, and both print together.

A plan version is a draft until it is agreed; an agreed version is frozen (its content never
changes) and is superseded when a later version is agreed. Benefit types and amounts and the
obligation templates are dated configuration (valid_from / valid_to), never constants.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessments.models import Need
from cases.models import Case
from core.sensitivity import ConcernsSensitive


class Translated(models.Model):
    """Configuration text kept in the three interface languages."""

    text_lv = models.CharField(_("text in Latvian"), max_length=300)
    text_ru = models.CharField(_("text in Russian"), max_length=300)
    text_en = models.CharField(_("text in English"), max_length=300)

    class Meta:
        abstract = True

    def text_in(self, language: str | None = None) -> str:
        language = (language or translation.get_language() or "lv")[:2]
        return str(getattr(self, f"text_{language}", "") or self.text_lv)

    @property
    def text(self) -> str:
        return self.text_in()


# --- Dated configuration -------------------------------------------------------------------


class BenefitType(Translated):
    """A benefit an agreement can be attached to (today: the guaranteed minimum income)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("benefit type")

    def __str__(self) -> str:
        return self.text


class BenefitRate(models.Model):
    """The benefit's amounts in EUR for a period."""

    benefit = models.ForeignKey(BenefitType, on_delete=models.PROTECT, related_name="rates")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    first_person_eur = models.DecimalField(
        _("first or only person in the household (EUR)"), max_digits=8, decimal_places=2
    )
    other_person_eur = models.DecimalField(
        _("each other person in the household (EUR)"), max_digits=8, decimal_places=2
    )

    class Meta:
        ordering = ("benefit", "-valid_from")
        verbose_name = _("benefit amount")

    def __str__(self) -> str:
        return f"{self.benefit.code} {self.valid_from}"

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class ObligationTemplate(Translated):
    code = models.SlugField(_("code"), max_length=40)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_default = models.BooleanField(_("default template"), default=False)

    class Meta:
        ordering = ("-is_default", "code")
        verbose_name = _("obligation template")

    def __str__(self) -> str:
        return self.text


class ObligationTemplateItem(Translated):
    template = models.ForeignKey(ObligationTemplate, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    due_in_days = models.PositiveSmallIntegerField(_("due (days after signing)"), default=30)

    class Meta:
        ordering = ("template", "position")

    def __str__(self) -> str:
        return self.text


# --- The cooperation plan ------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    AGREED = "agreed", _("agreed")
    SUPERSEDED = "superseded", _("superseded")


class Plan(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on the assessment"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("case", "-version")
        verbose_name = _("cooperation plan")
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_version_unique"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="draft"), name="plan_one_draft_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


class GoalStatus(models.TextChoices):
    FUTURE = "future", _("future")
    ACTIVE = "active", _("active")
    ACHIEVED = "achieved", _("achieved")
    REMOVED = "removed", _("removed")


class Goal(ConcernsSensitive, models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    need = models.CharField(_("need"), max_length=20, choices=Need.choices, blank=True)
    client_priority = models.BooleanField(_("the client's own priority"), default=False)
    description = models.CharField(_("goal"), max_length=300)
    outcome = models.CharField(_("measurable outcome"), max_length=300, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("pk",)
        verbose_name = _("goal")

    def __str__(self) -> str:
        return self.description


class StepActor(models.TextChoices):
    CLIENT = "client", _("the client")
    WORKER = "worker", _("the worker")
    INSTITUTION = "institution", _("an institution")


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    CANNOT_YET = "cannot_yet", _("cannot be done yet")
    NOT_NEEDED = "not_needed", _("no longer needed")
    COMPLETED = "completed", _("completed")


OPEN_STEP_STATUSES = (StepStatus.NOT_STARTED, StepStatus.IN_PROGRESS, StepStatus.CANNOT_YET)


class Step(ConcernsSensitive, models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    description = models.CharField(_("action"), max_length=300)
    actor = models.CharField(_("who does it"), max_length=12, choices=StepActor.choices)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("due_on", "pk")
        indexes: ClassVar = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.description


class Review(models.Model):
    """The "evaluation" method (E3): each goal's outcome and the next assessment date."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("date of review"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("summary"), blank=True)
    next_assessment_on = models.DateField(_("next assessment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-reviewed_on", "-pk")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.reviewed_on}"


class GoalOutcome(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="outcomes")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="outcomes")
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices)
    text = models.CharField(_("outcome"), max_length=500, blank=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.status


# --- The participation agreement ------------------------------------------------------------


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("prepared, not signed")
    SIGNED = "signed", _("signed")


class SigningMethod(models.TextChoices):
    PAPER = "paper", _("signed on paper")
    IN_PERSON = "in_person", _("agreed in person")


class Agreement(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreements")
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("plan version")
    )
    template = models.ForeignKey(
        ObligationTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("template")
    )
    benefit_rate = models.ForeignKey(
        BenefitRate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("benefit"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_by_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed for the organisation by"),
    )
    signing_method = models.CharField(
        _("how it was signed"), max_length=10, choices=SigningMethod.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("participation agreement")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"


class ObligationStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    FULFILLED = "fulfilled", _("fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("not fulfilled")
    WAIVED = "waived", _("waived")


class EvidenceKind(models.TextChoices):
    NOTE = "note", _("a note in the case file")
    DOCUMENT = "document", _("an uploaded document")
    TEXT = "text", _("written description")


class Obligation(ConcernsSensitive, models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations")
    template_item = models.ForeignKey(
        ObligationTemplateItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    custom_text = models.CharField(_("obligation"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    due_on = models.DateField(_("due date"))
    responsible = models.CharField(_("responsible person"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=ObligationStatus.choices,
        default=ObligationStatus.PENDING,
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    evidence_kind = models.CharField(
        _("evidence"), max_length=10, choices=EvidenceKind.choices, blank=True
    )
    evidence_text = models.TextField(_("evidence"), blank=True)
    evidence_note = models.ForeignKey(
        "cases.CaseNote", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept in the database, not under a public media URL: served only through a view that
    # checks access to the case.
    evidence_file_name = models.CharField(max_length=200, blank=True)
    evidence_file_type = models.CharField(max_length=100, blank=True)
    evidence_file = models.BinaryField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["evidence_file"])

    class Meta:
        ordering = ("position", "pk")
        indexes: ClassVar = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.text_in()

    def text_in(self, language: str | None = None) -> str:
        if self.template_item is not None:
            return self.template_item.text_in(language)
        return self.custom_text
