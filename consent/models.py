"""The client's consent to share named categories of data with a named organisation (A4, F3).

Staff of the organisation that holds the case need no consent (one controller). Anyone else —
a team member from the probation service, a narcologist, an employment-agency worker — sees
exactly the categories an active consent for one of their organisations covers, nothing else.
Withdrawal takes effect at once: every check reads the consent rows, nothing is cached.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Organisation
from people.models import Client


class Category(models.TextChoices):
    IDENTITY = "identity", _("identity and contact details")
    CASE_PLAN = "case_plan", _("case plan, notes and meetings")
    HEALTH = "health", _("health and dependencies")
    CONVICTION = "conviction", _("conviction and release record")


CATEGORY_FIELDS: dict[str, str] = {
    Category.IDENTITY: "shares_identity",
    Category.CASE_PLAN: "shares_case_plan",
    Category.HEALTH: "shares_health",
    Category.CONVICTION: "shares_conviction",
}


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active(self, on: date | None = None) -> QuerySet[Consent]:
        day = on or timezone.localdate()
        return self.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=day),
            given_on__lte=day,
            withdrawn_at__isnull=True,
        )


class Consent(models.Model):
    class Form(models.TextChoices):
        SIGNED_PAPER = "signed_paper", _("signed on paper")
        IN_PERSON = "in_person", _("given in person, recorded by the worker")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="consents_received",
        verbose_name=_("shared with"),
    )
    purpose = models.CharField(_("purpose"), max_length=250)
    shares_identity = models.BooleanField(Category.IDENTITY.label, default=True)
    shares_case_plan = models.BooleanField(Category.CASE_PLAN.label, default=False)
    shares_health = models.BooleanField(Category.HEALTH.label, default=False)
    shares_conviction = models.BooleanField(Category.CONVICTION.label, default=False)
    given_on = models.DateField(_("given on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    form = models.CharField(_("how it was given"), max_length=20, choices=Form.choices)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ("-given_on", "-pk")
        verbose_name = _("consent to share")
        verbose_name_plural = _("consents to share")
        indexes = [models.Index(fields=["client", "organisation"])]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def categories(self) -> list[str]:
        return [str(c.label) for c in Category if getattr(self, CATEGORY_FIELDS[c])]

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return (
            self.withdrawn_at is None
            and self.given_on <= today
            and (self.expires_on is None or self.expires_on >= today)
        )


class LegalBasisQuerySet(models.QuerySet["LegalBasis"]):
    def active(self) -> QuerySet[LegalBasis]:
        return self.filter(withdrawn_at__isnull=True)


class LegalBasis(models.Model):
    """A recorded legal basis on which an organisation receives categories of one case's data
    without the client's consent (issue 19): the probation service's statutory duty, with its
    citation. Counted exactly like a consent for those categories (consent.selectors)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="legal_bases")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="legal_bases_received",
        verbose_name=_("organisation that receives the data"),
    )
    citation = models.CharField(_("legal basis (citation)"), max_length=300)
    shares_identity = models.BooleanField(Category.IDENTITY.label, default=False)
    shares_case_plan = models.BooleanField(Category.CASE_PLAN.label, default=False)
    shares_health = models.BooleanField(Category.HEALTH.label, default=False)
    shares_conviction = models.BooleanField(Category.CONVICTION.label, default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )  # fmt: skip

    objects = LegalBasisQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ("-recorded_at", "-pk")
        verbose_name = _("legal basis for sharing")
        verbose_name_plural = _("legal bases for sharing")
        indexes = [models.Index(fields=["case", "organisation"])]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def categories(self) -> list[str]:
        return [str(c.label) for c in Category if getattr(self, CATEGORY_FIELDS[c])]

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
