"""Employment (D4, H1–H5): the occupation classification, a client's employment profile,
employers and their vacancies, work placements with follow-ups.

Occupations follow the Latvian occupation classification (Profesiju klasifikators), which is
based on ISCO-08: a code `NNNN NN` is the ISCO-08 unit group (four digits) and the Latvian
occupation within it (two digits). The minimum wage is dated configuration, never a constant.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality, Organisation
from cases.models import Case
from people.models import Client, EducationLevel

OCCUPATION_CODE = RegexValidator(
    r"^\d{4} \d{2}$", _("An occupation code has four digits, a space and two digits: 7112 01.")
)
UNIT_GROUP_CODE = RegexValidator(r"^\d{4}$", _("A unit group code has four digits: 7112."))


class LocalisedTitleMixin(models.Model):
    """Latvian is the classifier's own language; Russian and English titles sit beside it."""

    title_lv = models.CharField(_("title (Latvian)"), max_length=250)
    title_ru = models.CharField(_("title (Russian)"), max_length=250, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        language = (get_language() or "lv")[:2]
        localised = {"ru": self.title_ru, "en": self.title_en}.get(language, "")
        return localised or self.title_lv


class OccupationGroup(LocalisedTitleMixin):
    """An ISCO-08 unit group (four digits), e.g. 7112 "bricklayers and related workers"."""

    code = models.CharField(_("code"), max_length=4, unique=True, validators=[UNIT_GROUP_CODE])

    class Meta:
        ordering = ("code",)
        verbose_name = _("occupation group")
        verbose_name_plural = _("occupation groups")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Occupation(LocalisedTitleMixin):
    """One occupation of the classification. `unit_group` and `minor_group` are the code's
    first four and three digits, kept as columns so matching compares them in SQL."""

    code = models.CharField(_("code"), max_length=7, unique=True, validators=[OCCUPATION_CODE])
    unit_group = models.CharField(max_length=4, editable=False, db_index=True)
    minor_group = models.CharField(max_length=3, editable=False, db_index=True)
    is_common = models.BooleanField(
        _("common among released persons (H1)"), default=False, db_index=True
    )
    is_active = models.BooleanField(_("in the current classification"), default=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.unit_group = self.code[:4]
        self.minor_group = self.code[:3]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class MinimumWageQuerySet(models.QuerySet["MinimumWage"]):
    def in_force(self, on: date) -> MinimumWage | None:
        return self.filter(valid_from__lte=on).order_by("-valid_from").first()


class MinimumWage(models.Model):
    """The statutory minimum monthly wage for full-time work, from a date (dated configuration:
    2025 740 EUR, 2026 780 EUR; the Cabinet sets a new amount, an administrator adds a row)."""

    valid_from = models.DateField(_("valid from"), unique=True)
    monthly_eur = models.DecimalField(
        _("monthly minimum wage (EUR)"), max_digits=8, decimal_places=2
    )
    full_time_hours = models.PositiveSmallIntegerField(_("full-time hours a week"), default=40)

    objects = MinimumWageQuerySet.as_manager()

    class Meta:
        ordering = ("-valid_from",)
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")

    def __str__(self) -> str:
        return f"{self.valid_from}: {self.monthly_eur} EUR"

    def for_hours(self, hours_per_week: int) -> Decimal:
        """The monthly minimum for part-time work, in proportion to the hours."""
        return (self.monthly_eur * hours_per_week / self.full_time_hours).quantize(Decimal("0.01"))


# --- The client's employment profile ----------------------------------------------------------


class WorkReadiness(models.TextChoices):
    READY_NOW = "ready_now", _("ready to work now")
    LATER = "later", _("wants to work later")
    NOT_NOW = "not_now", _("does not want to work now")


class LicenceCategory(models.TextChoices):
    AM = "AM", "AM"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    A = "A", "A"
    B = "B", "B"
    BE = "BE", "BE"
    C1 = "C1", "C1"
    C1E = "C1E", "C1E"
    C = "C", "C"
    CE = "CE", "CE"
    D1 = "D1", "D1"
    D1E = "D1E", "D1E"
    D = "D", "D"
    DE = "DE", "DE"
    TR1 = "TR1", _("TR1 (tractor)")
    TR2 = "TR2", _("TR2 (tractor, self-propelled machinery)")


def licences_to_column(categories: list[str]) -> str:
    """Driving licence categories as ",B,CE," so one LIKE finds a category on any database."""
    ordered = [c for c in LicenceCategory.values if c in set(categories)]
    return f",{','.join(ordered)}," if ordered else ""


class EmploymentProfile(models.Model):
    """What a worker needs to help a client into work: professions, qualifications, experience,
    skills, driving licences and the client's own wish to work (or not yet: Jānis, A2)."""

    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, related_name="employment_profile"
    )
    readiness = models.CharField(
        _("wish to work"), max_length=12, choices=WorkReadiness.choices,
        default=WorkReadiness.READY_NOW, db_index=True,
    )  # fmt: skip
    readiness_note = models.CharField(_("in the client's words"), max_length=250, blank=True)
    professions = models.ManyToManyField(
        Occupation, related_name="+", blank=True, verbose_name=_("professions")
    )
    skills = models.TextField(_("skills"), blank=True)
    licence_categories = models.CharField(
        _("driving licence categories"), max_length=80, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("employment profile")
        verbose_name_plural = _("employment profiles")

    def __str__(self) -> str:
        return str(_("employment profile"))

    @property
    def licences(self) -> list[str]:
        return [c for c in self.licence_categories.split(",") if c]

    @property
    def skill_list(self) -> list[str]:
        return [line.strip() for line in self.skills.splitlines() if line.strip()]


class Qualification(models.Model):
    class Kind(models.TextChoices):
        VOCATIONAL_DIPLOMA = "vocational_diploma", _("vocational education diploma")
        QUALIFICATION_CERTIFICATE = (
            "qualification_certificate",
            _("professional qualification certificate"),
        )
        COURSE_CERTIFICATE = "course_certificate", _("course certificate")
        PERMIT = "permit", _("permit or licence (e.g. welding, electrical safety)")
        OTHER = "other", _("other document")

    profile = models.ForeignKey(
        EmploymentProfile, on_delete=models.CASCADE, related_name="qualifications"
    )
    title = models.CharField(_("qualification"), max_length=200)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("occupation"),
    )  # fmt: skip
    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    obtained_in_prison = models.BooleanField(_("obtained in prison"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-issued_on", "pk")
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self) -> str:
        return self.title


class WorkExperience(models.Model):
    profile = models.ForeignKey(
        EmploymentProfile, on_delete=models.CASCADE, related_name="experience"
    )
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="+", verbose_name=_("occupation")
    )
    years = models.PositiveSmallIntegerField(
        _("years"), validators=[MinValueValidator(0), MaxValueValidator(60)]
    )
    last_worked_year = models.PositiveSmallIntegerField(
        _("last worked (year)"), null=True, blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )  # fmt: skip
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    in_prison = models.BooleanField(_("worked while in prison"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-last_worked_year", "pk")
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")

    def __str__(self) -> str:
        return f"{self.occupation_id}: {self.years}"


class ProfileOccupation(models.Model):
    """Derived, for matching only: every occupation of a profile (professions, experience,
    qualifications) with the client's years in it, and the code's groups as columns. Rebuilt by
    the services whenever the profile changes, and when the client's municipality or education
    is corrected (receivers.py); never edited, so it keeps no history."""

    profile = models.ForeignKey(
        EmploymentProfile, on_delete=models.CASCADE, related_name="occupation_index"
    )
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    unit_group = models.CharField(max_length=4)
    minor_group = models.CharField(max_length=3)
    years = models.PositiveSmallIntegerField(default=0)
    # The client, and where they live, so candidates of a region come from one index range.
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    # The rest of what a vacancy scores, copied from the profile and the client, so a vacancy's
    # related candidates are scored from this one index range without joins (issue 7).
    readiness = models.CharField(max_length=12, default=WorkReadiness.READY_NOW)
    licence_categories = models.CharField(max_length=80, blank=True)
    education_rank = models.SmallIntegerField(default=-1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "occupation"], name="profile_occupation")
        ]
        indexes: ClassVar = [
            models.Index(fields=["profile", "minor_group"]),
            # Covering: a vacancy's related candidates are read from the index alone.
            models.Index(
                fields=[
                    "minor_group", "municipality", "profile", "client", "occupation",
                    "unit_group", "years", "readiness", "licence_categories", "education_rank",
                ],
                name="employment_po_matching",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.profile_id}/{self.occupation_id}"


class ProfilePlace(models.Model):
    """Derived, for matching only: one row per profile with where the client lives and what
    every vacancy scores (readiness, licences, education rank), so the people of a
    municipality are found and scored from one index range without joins (issue 7). Rebuilt
    with ProfileOccupation; never edited, so it keeps no history."""

    profile = models.OneToOneField(
        EmploymentProfile, on_delete=models.CASCADE, related_name="place_index"
    )
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    readiness = models.CharField(max_length=12, default=WorkReadiness.READY_NOW)
    licence_categories = models.CharField(max_length=80, blank=True)
    education_rank = models.SmallIntegerField(default=-1)

    class Meta:
        indexes: ClassVar = [
            # Covering: the people of a municipality are read from the index alone.
            models.Index(
                fields=[
                    "municipality", "profile", "client", "readiness", "licence_categories",
                    "education_rank",
                ],
                name="employment_place_matching",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.profile_id}@{self.municipality_id}"


class WorkLimitation(models.Model):
    """Health-related limits on work (special-category data): shown and changed only by those
    who may see the client's health section (the `cases.view_health` rule)."""

    profile = models.OneToOneField(
        EmploymentProfile, on_delete=models.CASCADE, related_name="limitation"
    )
    text = models.TextField(_("work limitations for health reasons"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("work limitations")
        verbose_name_plural = _("work limitations")

    def __str__(self) -> str:
        return str(_("work limitations"))


# --- Employers and vacancies ------------------------------------------------------------------


class Sector(models.TextChoices):
    CONSTRUCTION = "construction", _("construction")
    MANUFACTURING = "manufacturing", _("manufacturing")
    WOOD = "wood", _("wood processing")
    FORESTRY = "forestry", _("forestry")
    AGRICULTURE = "agriculture", _("agriculture and fishing")
    TRANSPORT = "transport", _("transport and logistics")
    REPAIR = "repair", _("vehicle and machinery repair")
    ENERGY = "energy", _("energy and utilities")
    TRADE = "trade", _("trade")
    HOSPITALITY = "hospitality", _("hospitality and catering")
    SERVICES = "services", _("cleaning and other services")
    OTHER = "other", _("other")


class Incentive(models.TextChoices):
    """What would make hiring a person with a record work for the employer (H4)."""

    SUBSIDISED_JOB = "subsidised_job", _("subsidised job")
    TAX_RELIEF = "tax_relief", _("tax relief")
    TRAINING_SUPPORT = "training_support", _("training support (requalification)")
    EQUIPMENT_INSURANCE = "equipment_insurance", _("insurance for work equipment")


class Openness(models.TextChoices):
    YES = "yes", _("hires people with a record")
    WITH_SUPPORT = "with_support", _("open to it with support")
    NO = "no", _("not open to it")
    UNKNOWN = "unknown", _("not known yet")


class EmployerProfile(models.Model):
    """An employer organisation as the workers know it: who to call, what it does, whether it
    hires people with a record and what makes it work (H3 mentor, H4 incentives)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="employer_profile"
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    openness = models.CharField(
        _("hiring people with a record"), max_length=15, choices=Openness.choices,
        default=Openness.UNKNOWN,
    )  # fmt: skip
    mentor_name = models.CharField(
        _("colleague who trains and supports (mentor)"), max_length=150, blank=True
    )
    incentives_used = models.JSONField(_("incentives used"), default=list, blank=True)
    incentives_wanted = models.JSONField(_("incentives wanted"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("employer profile")
        verbose_name_plural = _("employer profiles")

    def __str__(self) -> str:
        return str(self.organisation_id)

    def sector_labels(self) -> list[str]:
        return [str(Sector(code).label) for code in self.sectors if code in Sector.values]

    def incentives_used_labels(self) -> list[str]:
        return [str(Incentive(c).label) for c in self.incentives_used if c in Incentive.values]

    def incentives_wanted_labels(self) -> list[str]:
        return [str(Incentive(c).label) for c in self.incentives_wanted if c in Incentive.values]


class Experience(models.TextChoices):
    """The employer's experience, on the handbook's scale (I2: 10% positive, 48% rather
    positive, 31% negative)."""

    POSITIVE = "positive", _("positive")
    RATHER_POSITIVE = "rather_positive", _("rather positive")
    RATHER_NEGATIVE = "rather_negative", _("rather negative")
    NEGATIVE = "negative", _("negative")


class EmployerFeedback(models.Model):
    employer = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="employment_feedback"
    )
    experience = models.CharField(_("experience"), max_length=20, choices=Experience.choices)
    text = models.TextField(_("what the employer said"), blank=True)
    recorded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-recorded_on", "-pk")
        verbose_name = _("employer's feedback")
        verbose_name_plural = _("employers' feedback")

    def __str__(self) -> str:
        return self.get_experience_display()


class RequiredEducation(models.TextChoices):
    NONE = "", _("no requirement")
    BASIC = EducationLevel.BASIC.value, _("basic education")
    SECONDARY = EducationLevel.SECONDARY.value, _("secondary education")
    VOCATIONAL = EducationLevel.VOCATIONAL.value, _("vocational education")
    HIGHER = EducationLevel.HIGHER.value, _("higher education")


# Education as a level to compare: a requirement is met by that level or any higher one.
# "Not known" is below everything, so the worker is prompted to check the documents.
EDUCATION_RANK: dict[str, int] = {
    EducationLevel.UNKNOWN: -1,
    EducationLevel.NONE: 0,
    EducationLevel.PRIMARY_INCOMPLETE: 1,
    EducationLevel.BASIC: 2,
    EducationLevel.SECONDARY: 3,
    EducationLevel.VOCATIONAL: 3,
    EducationLevel.HIGHER: 4,
    "": 0,
}


class RecordPolicy(models.TextChoices):
    YES = "yes", _("yes")
    ASK = "ask", _("not stated: discuss with the employer")
    NO = "no", _("no")


class VacancyQuerySet(models.QuerySet["Vacancy"]):
    def open_on(self, day: date) -> VacancyQuerySet:
        return self.filter(opened_on__lte=day).filter(
            models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=day)
        )


class Vacancy(models.Model):
    employer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="vacancies",
        verbose_name=_("employer"),
    )  # fmt: skip
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="vacancies",
        verbose_name=_("occupation"),
    )  # fmt: skip
    title = models.CharField(_("job title"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="vacancies",
        verbose_name=_("place of work"),
    )  # fmt: skip
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    wage_eur = models.DecimalField(_("gross monthly wage (EUR)"), max_digits=8, decimal_places=2)
    required_education = models.CharField(
        _("education required"), max_length=20, choices=RequiredEducation.choices, blank=True
    )
    required_education_rank = models.SmallIntegerField(default=0, editable=False)
    min_experience_years = models.PositiveSmallIntegerField(
        _("years of experience required"), default=0, validators=[MaxValueValidator(40)]
    )
    licence_category = models.CharField(
        _("driving licence required"), max_length=3, choices=LicenceCategory.choices, blank=True
    )
    accepts_record = models.CharField(
        _("accepts people with a record"), max_length=3, choices=RecordPolicy.choices,
        default=RecordPolicy.ASK,
    )  # fmt: skip
    mentor_available = models.BooleanField(_("a mentor colleague is available"), default=False)
    subsidised = models.BooleanField(_("subsidised job"), default=False)
    description = models.TextField(_("description"), blank=True)
    opened_on = models.DateField(_("open from"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VacancyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ("-opened_on", "-pk")
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes: ClassVar = [
            models.Index(fields=["occupation", "municipality"]),
            models.Index(fields=["municipality", "closed_on"]),
            # Covering: a client's candidate vacancies are read and scored from the index alone
            # (SQLite 46 → 15 ms for a client with six related occupations at 100,000; issue 7).
            models.Index(
                fields=[
                    "municipality", "occupation", "closed_on", "opened_on", "accepts_record",
                    "min_experience_years", "required_education_rank", "licence_category",
                    "mentor_available", "subsidised",
                ],
                name="employment_vacancy_matching",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title or str(self.occupation_id)

    def save(self, *args: object, **kwargs: object) -> None:
        self.required_education_rank = EDUCATION_RANK.get(self.required_education, 0)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def display_title(self) -> str:
        return self.title or self.occupation.title

    def is_open(self, day: date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on > day)


# --- Placements ---------------------------------------------------------------------------------


class EndReason(models.TextChoices):
    CONTRACT_ENDED = "contract_ended", _("the contract ended")
    LEFT = "left", _("left the job")
    DISMISSED = "dismissed", _("dismissed")
    HEALTH = "health", _("health")
    DEPENDENCY = "dependency", _("alcohol or drugs")
    RETURNED_TO_PRISON = "returned_to_prison", _("returned to a place of imprisonment")
    MOVED = "moved", _("moved away")
    OTHER = "other", _("other")


class Placement(models.Model):
    """A client started work with an employer (through a vacancy or not)."""

    class Outcome(models.TextChoices):
        ONGOING = "ongoing", _("working, follow-ups open")
        SUSTAINED = "sustained", _("still working after 12 months")
        ENDED = "ended", _("the job ended")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="placements")
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="placements", verbose_name=_("case")
    )
    employer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="placements",
        verbose_name=_("employer"),
    )  # fmt: skip
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, null=True, blank=True, related_name="placements",
        verbose_name=_("vacancy"),
    )  # fmt: skip
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("occupation"),
    )  # fmt: skip
    started_on = models.DateField(_("started work on"))
    mentor_name = models.CharField(_("mentor at work"), max_length=150, blank=True)
    subsidised = models.BooleanField(_("subsidised job"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.ONGOING
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=20, choices=EndReason.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-started_on", "-pk")
        verbose_name = _("work placement")
        verbose_name_plural = _("work placements")

    def __str__(self) -> str:
        return f"{self.client_id} @ {self.employer_id}"


class FollowUp(models.Model):
    """A check 1, 3, 6 and 12 months after the start: still employed, and if not, why."""

    MONTHS: ClassVar[tuple[int, ...]] = (1, 3, 6, 12)

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    still_employed = models.BooleanField(_("still employed"), null=True, blank=True)
    reason = models.CharField(_("why not"), max_length=20, choices=EndReason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        ordering = ("due_on", "pk")
        verbose_name = _("placement follow-up")
        verbose_name_plural = _("placement follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["placement", "months"], name="follow_up_unique")
        ]
        indexes: ClassVar = [models.Index(fields=["done_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.placement_id}/{self.months}"
