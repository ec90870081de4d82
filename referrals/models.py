"""Referrals of a case's client to directory services (closed loop, states after FHIR Task) and
help given in kind (D1): night shelter, seasonal clothing, warm meals, hygiene, laundry, food
packages, transport tickets — recorded per case with date, quantity and provider."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from core.sensitivity import ConcernsSensitive


class HelpKind(models.TextChoices):
    SHELTER_NIGHT = "shelter_night", _("night shelter")
    CLOTHING = "clothing", _("seasonal clothing")
    WARM_MEAL = "warm_meal", _("warm meal")
    HYGIENE_KIT = "hygiene_kit", _("hygiene kit")
    LAUNDRY = "laundry", _("laundry")
    FOOD_PACKAGE = "food_package", _("food package")
    TRANSPORT_TICKET = "transport_ticket", _("transport ticket")
    OTHER = "other", _("other help")


# The directory's needs (directory/needs.py codes) whose services give each kind of help.
NEEDS_OF_KIND: dict[str, tuple[str, ...]] = {
    HelpKind.SHELTER_NIGHT: ("night-shelter", "shelter"),
    HelpKind.CLOTHING: ("clothing",),
    HelpKind.WARM_MEAL: ("warm-meals",),
    HelpKind.HYGIENE_KIT: ("hygiene",),
    HelpKind.LAUNDRY: ("laundry",),
    HelpKind.FOOD_PACKAGE: ("food-packages",),
    HelpKind.TRANSPORT_TICKET: ("transport-tickets",),
    HelpKind.OTHER: (),
}


def amount_display(kind: str, quantity: int) -> str:
    """The quantity with the unit its kind implies: "12 nights", "3 meals", "1 ticket"."""
    values = {"count": quantity}
    if kind == HelpKind.SHELTER_NIGHT:
        return ngettext("%(count)s night", "%(count)s nights", quantity) % values
    if kind == HelpKind.WARM_MEAL:
        return ngettext("%(count)s meal", "%(count)s meals", quantity) % values
    if kind == HelpKind.FOOD_PACKAGE:
        return ngettext("%(count)s package", "%(count)s packages", quantity) % values
    if kind == HelpKind.TRANSPORT_TICKET:
        return ngettext("%(count)s ticket", "%(count)s tickets", quantity) % values
    if kind == HelpKind.LAUNDRY:
        return ngettext("%(count)s wash", "%(count)s washes", quantity) % values
    return ngettext("%(count)s item", "%(count)s items", quantity) % values


class HelpInKind(ConcernsSensitive, models.Model):
    """One handing-over of help in kind to the case's client. Never deleted: a mistaken entry
    is cancelled with a reason, and every change stays in its history."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="help_in_kind", verbose_name=_("case")
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    given_on = models.DateField(_("date given"))
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider in the directory"),
    )
    provider_name = models.CharField(_("provider not in the directory"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("why it was cancelled"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-given_on", "-pk")
        verbose_name = _("help in kind")
        verbose_name_plural = _("help in kind")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="help_in_kind_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.kind}/{self.given_on}"

    @property
    def amount(self) -> str:
        return amount_display(self.kind, self.quantity)

    @property
    def provider(self) -> str:
        if self.service is not None:
            return f"{self.service.name} — {self.service.organisation.name}"
        return self.provider_name


def timeline_detail(data: Mapping[str, Any]) -> str:
    """The case timeline's detail of a HELP_IN_KIND_GIVEN entry: "night shelter · 12 nights"."""
    kind = HelpKind(data["help_kind"])
    return f"{kind.label} · {amount_display(kind, int(data['quantity']))}"


class Referral(ConcernsSensitive, models.Model):
    """A referral of a case's client to a directory service (closed loop, D1–D8, F4).

    States follow FHIR Task (DESIGN.md): draft → requested → accepted | rejected; accepted →
    in progress ⇄ on hold → completed | failed; cancelled from any open state. In the worker's
    words: sent → accepted → help given or declined, with the outcome. Every change is a
    ReferralEvent (who, when, why); services.referral_transition allows only TRANSITIONS.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REQUESTED = "requested", _("sent, waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("declined")
        IN_PROGRESS = "in_progress", _("help under way")
        ON_HOLD = "on_hold", _("on hold or waiting list")
        COMPLETED = "completed", _("help given")
        FAILED = "failed", _("did not happen (no-show)")
        CANCELLED = "cancelled", _("withdrawn")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case")
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("service"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    reason = models.TextField(_("what the client needs"))
    outcome = models.TextField(_("outcome"), blank=True)
    # The help given fulfils these when the referral is completed (chosen from the same case).
    plan_step = models.ForeignKey(
        "plans.Step",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("plan step"),
    )
    obligation = models.ForeignKey(
        "plans.Obligation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("agreement obligation"),
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("referred by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes: ClassVar = [models.Index(fields=["status", "sent_at"])]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.case_id} → {self.service_id} ({self.status})"


class ReferralEvent(models.Model):
    """One change of a referral's state: who, when, why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Referral.Status.choices)
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("why"), blank=True)
    on_behalf_of_receiver = models.BooleanField(
        _("answer recorded for the receiving organisation"), default=False
    )

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


def referral_timeline_detail(data: Mapping[str, Any]) -> str:
    """The case timeline's detail of a referral entry: the referral's new state, translated."""
    return str(Referral.Status(data["status"]).label)
