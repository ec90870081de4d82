"""Organisations, the municipalities they serve, users and their roles in organisations."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LocalisedNameMixin(models.Model):
    """Place names are proper nouns: Latvian is official; Russian and English spellings are kept
    beside it so a Russian-speaking user reads "Лиепая", not a transliteration of their own."""

    name = models.CharField(_("name (Latvian)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.localised_name

    @property
    def localised_name(self) -> str:
        language = (get_language() or "lv")[:2]
        localised = {"ru": self.name_ru, "en": self.name_en}.get(language, "")
        return localised or self.name


class PlanningRegion(LocalisedNameMixin):
    """One of Latvia's five planning regions (Kurzeme, Latgale, Rīga, Vidzeme, Zemgale)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("planning region")
        verbose_name_plural = _("planning regions")


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def current(self, on: date | None = None) -> MunicipalityQuerySet:
        """Municipalities in force on a date: the map is dated configuration, not a constant."""
        day = on or timezone.localdate()
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )


class Municipality(LocalisedNameMixin):
    """A local government (pašvaldība): a state city or a municipality (novads)."""

    class Kind(models.TextChoices):
        STATE_CITY = "state_city", _("state city")
        MUNICIPALITY = "municipality", _("municipality")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        PlanningRegion,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("planning region"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class Organisation(models.Model):
    """Any body whose staff work with released persons, or that hires them."""

    class Kind(models.TextChoices):
        PROBATION_UNIT = "probation_unit", _("probation unit")
        MUNICIPAL_SOCIAL_SERVICE = "municipal_social_service", _("municipal social service")
        NGO = "ngo", _("non-governmental organisation")
        RELIGIOUS_ORGANISATION = "religious_organisation", _("religious organisation")
        EMPLOYMENT_AGENCY_BRANCH = "employment_agency_branch", _("employment agency branch")
        HEALTH_PROVIDER = "health_provider", _("health care provider")
        EMPLOYER = "employer", _("employer")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=40, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("name",)
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in: a worker, a supervisor or an administrator. Signs in by e-mail."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("lv", _("Latvian")), ("ru", _("Russian")), ("en", _("English"))],
        default="lv",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager[User]] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ("last_name", "first_name", "email")
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("social worker")
    PROBATION_OFFICER = "probation_officer", _("probation officer")
    NGO_WORKER = "ngo_worker", _("NGO worker")
    SUPERVISOR = "supervisor", _("supervisor")
    ORGANISATION_ADMIN = "organisation_admin", _("organisation administrator")
    SYSTEM_ADMIN = "system_admin", _("system administrator")


class Membership(models.Model):
    """A user's role in one organisation; a user may hold several roles in several organisations."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("organisation__name", "role")
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"


class Invitation(models.Model):
    """An organisation administrator's invitation to join as a given role. Only a hash of the
    token is stored; the token itself travels once, in the e-mail."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
