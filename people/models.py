"""The released person (client) and what the worker records about them (A1, A3).

Health and dependency data is special-category data (GDPR Art. 9): it lives in its own model,
guarded by its own permission, and is never shown in lists.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality
from core.sensitivity import ConcernsSensitive
from core.text import fold


class LivingSituation(models.TextChoices):
    OWN_HOME = "own_home", _("own home")
    WITH_RELATIVES = "with_relatives", _("with relatives")
    WITH_FRIENDS = "with_friends", _("with friends")
    SHELTER = "shelter", _("shelter or night shelter")
    GROUP_FLAT = "group_flat", _("group flat")
    STREET = "street", _("no place to live (street)")
    OTHER = "other", _("other")


class EducationLevel(models.TextChoices):
    NONE = "none", _("no completed education")
    PRIMARY_INCOMPLETE = "primary_incomplete", _("incomplete basic education")
    BASIC = "basic", _("basic education")
    SECONDARY = "secondary", _("general secondary education")
    VOCATIONAL = "vocational", _("vocational education")
    HIGHER = "higher", _("higher education")
    UNKNOWN = "unknown", _("not known")


class SupervisionStatus(models.TextChoices):
    PROBATION = "probation", _("under probation supervision")
    NONE = "none", _("no supervision")


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")
    OTHER = "other", _("other or not stated")


class ClientLanguage(models.TextChoices):
    LATVIAN = "lv", _("Latvian")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    LATGALIAN = "ltg", _("Latgalian")
    LITHUANIAN = "lt", _("Lithuanian")
    UKRAINIAN = "uk", _("Ukrainian")
    OTHER = "other", _("other language")


class Client(models.Model):
    """A person released (or about to be released) from a place of imprisonment."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    personal_code = models.CharField(
        _("personal code"), max_length=12, blank=True, null=True, unique=True
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.MALE
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    preferred_language = models.CharField(
        _("language for documents"),
        max_length=5,
        choices=[("lv", _("Latvian")), ("ru", _("Russian")), ("en", _("English"))],
        default="lv",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    address = models.CharField(_("address or where to reach"), max_length=250, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="clients",
        verbose_name=_("municipality of residence"),
    )
    living_situation = models.CharField(
        _("living situation"), max_length=20, choices=LivingSituation.choices
    )
    family_situation = models.TextField(_("family situation"), blank=True)
    education_level = models.CharField(
        _("education level"),
        max_length=20,
        choices=EducationLevel.choices,
        default=EducationLevel.UNKNOWN,
    )
    professions = models.CharField(_("professions or specialties"), max_length=250, blank=True)
    work_history = models.TextField(_("work history"), blank=True)
    release_date = models.DateField(_("release date"), null=True, blank=True)
    place_of_imprisonment = models.CharField(_("place of imprisonment"), max_length=150, blank=True)
    imprisonment_months = models.PositiveIntegerField(
        _("length of imprisonment (months)"), null=True, blank=True
    )
    supervision_status = models.CharField(
        _("supervision"),
        max_length=10,
        choices=SupervisionStatus.choices,
        default=SupervisionStatus.NONE,
    )
    # Folded "first last" and "last first" for diacritic-insensitive search (core.text.fold).
    search_name = models.CharField(max_length=220, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("last_name", "first_name")
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        # Cut to the column: two names at their longest (and folding, ß → ss, ﬃ → ffi, makes a
        # name longer) would not fit, and PostgreSQL refuses a longer value (issue 28).
        limit = type(self)._meta.get_field("search_name").max_length or 220
        self.search_name = fold(
            f"{self.first_name} {self.last_name} | {self.last_name} {self.first_name}"
        )[:limit]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ClientStatement(ConcernsSensitive, models.Model):
    """The client's own words (A3): a wish, a goal or a decision, recorded as the client said it."""

    class Kind(models.TextChoices):
        WISH = "wish", _("wish")
        GOAL = "goal", _("goal")
        DECISION = "decision", _("decision")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("in the client's words"))
    recorded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("-recorded_on", "-pk")
        verbose_name = _("client's statement")
        verbose_name_plural = _("client's statements")

    def __str__(self) -> str:
        return self.get_kind_display()


class IdentityDocument(models.Model):
    class Kind(models.TextChoices):
        PASSPORT_OR_ID = "passport_or_id", _("passport or identity card")
        TAX_REGISTRATION = "tax_registration", _("tax registration")
        BENEFIT_REGISTRATION = "benefit_registration", _("registration for benefits")
        BANK_ACCOUNT = "bank_account", _("bank account")
        DECLARED_RESIDENCE = "declared_residence", _("declared place of residence")

    class Status(models.TextChoices):
        HELD = "held", _("has it")
        MISSING = "missing", _("does not have it")
        APPLIED = "applied", _("applied for")
        EXPIRED = "expired", _("expired")
        UNKNOWN = "unknown", _("not known")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    note = models.CharField(_("note"), max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("kind",)
        constraints = [
            models.UniqueConstraint(fields=["client", "kind"], name="identity_document_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_status_display()}"


class IncomeSource(models.Model):
    class Kind(models.TextChoices):
        WAGES = "wages", _("wages")
        PENSION = "pension", _("pension")
        DISABILITY_PENSION = "disability_pension", _("disability pension")
        MINIMUM_INCOME_BENEFIT = "minimum_income_benefit", _("minimum income benefit")
        ONE_OFF_BENEFIT = "one_off_benefit", _("one-off social benefit")
        UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("unemployment benefit")
        FAMILY_SUPPORT = "family_support", _("support from family")
        OTHER = "other", _("other")

    class Period(models.TextChoices):
        MONTHLY = "monthly", _("per month")
        ONE_OFF = "one_off", _("one-off")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="incomes")
    kind = models.CharField(_("source"), max_length=30, choices=Kind.choices)
    amount_eur = models.DecimalField(
        _("amount (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    period = models.CharField(
        _("period"), max_length=10, choices=Period.choices, default=Period.MONTHLY
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("kind",)

    def __str__(self) -> str:
        return self.get_kind_display()


class HealthRecord(models.Model):
    """Health and dependencies (special-category data, separately permissioned)."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="health")
    general_health = models.TextField(_("general health"), blank=True)
    tuberculosis = models.BooleanField(_("tuberculosis"), default=False)
    hepatitis_c = models.BooleanField(_("hepatitis C"), default=False)
    other_chronic_illness = models.CharField(_("other chronic illness"), max_length=250, blank=True)
    alcohol_dependency = models.BooleanField(_("alcohol dependency"), default=False)
    medication_dependency = models.BooleanField(_("medication dependency"), default=False)
    drug_dependency = models.BooleanField(_("drug dependency"), default=False)
    dependency_notes = models.TextField(_("notes on dependencies and treatment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("health and dependencies")
        verbose_name_plural = _("health and dependencies")

    def __str__(self) -> str:
        return str(_("health and dependencies"))
