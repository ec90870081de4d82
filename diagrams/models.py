"""Social-work diagrams stored as data (E1, E2, E4): ecomap snapshots, genogram, social network
map, culturagram. Relatives are data subjects too: only a short name, sex and years are kept,
and every row belongs to one case and is covered by the case's confidentiality."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from cases.models import Case
from core.sensitivity import ConcernsSensitive

# --- Ecomap (Hartman 1978) ------------------------------------------------------------------


class SystemKind(models.TextChoices):
    WORK = "work", _("work")
    EXTENDED_FAMILY = "extended_family", _("extended family")
    FRIENDS = "friends", _("friends")
    HEALTH_CARE = "health_care", _("health care")
    EDUCATION = "education", _("school or education")
    RELIGION = "religion", _("church or religion")
    RECREATION = "recreation", _("recreation")
    SOCIAL_SERVICES = "social_services", _("social services")
    PROBATION = "probation", _("probation")
    COURT_PRISON = "court_prison", _("court or prison")
    EMPLOYMENT_AGENCY = "employment_agency", _("employment agency")
    HOUSING = "housing", _("housing or shelter")
    ADDICTION_TREATMENT = "addiction_treatment", _("addiction treatment")
    NGO_MENTOR = "ngo_mentor", _("NGO or mentor")
    DEBT = "debt", _("debt")
    CRIMINAL_PEERS = "criminal_peers", _("criminal peers")
    OTHER = "other", _("other")


class Strength(models.TextChoices):
    STRONG = "strong", _("strong")
    MODERATE = "moderate", _("moderate")
    TENUOUS = "tenuous", _("tenuous")


class Flow(models.TextChoices):
    NONE = "none", _("no marked flow")
    TO_CLIENT = "to_client", _("to the client")
    FROM_CLIENT = "from_client", _("from the client")
    BOTH = "both", _("both ways")


class EcomapSnapshot(models.Model):
    """The client's life space on one date; later snapshots show change."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ecomaps")
    drawn_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-drawn_on", "-pk")
        verbose_name = _("ecomap")

    def __str__(self) -> str:
        return str(self.drawn_on)


class EcomapConnection(ConcernsSensitive, models.Model):
    MAX_PER_SNAPSHOT = 24

    snapshot = models.ForeignKey(
        EcomapSnapshot, on_delete=models.CASCADE, related_name="connections"
    )
    kind = models.CharField(_("system"), max_length=30, choices=SystemKind.choices)
    label = models.CharField(_("name shown"), max_length=60, blank=True)
    strength = models.CharField(
        _("strength"), max_length=10, choices=Strength.choices, default=Strength.MODERATE
    )
    stressful = models.BooleanField(_("stressful"), default=False)
    flow = models.CharField(
        _("flow of energy and resources"), max_length=12, choices=Flow.choices, default=Flow.NONE
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        return self.label or str(self.get_kind_display())


# --- Genogram (McGoldrick, Gerson & Petry) --------------------------------------------------


class Sex(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")
    OTHER = "other", _("other or unknown")


class GenogramPerson(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="genogram_people")
    name = models.CharField(
        _("name or role"),
        max_length=40,
        help_text=_("A first name or a role such as mother: no surnames or personal codes."),
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1850), MaxValueValidator(2100)],
    )
    death_year = models.PositiveSmallIntegerField(
        _("year of death"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1850), MaxValueValidator(2100)],
    )
    deceased = models.BooleanField(_("deceased"), default=False)
    is_index = models.BooleanField(_("the client (index person)"), default=False)
    illness = models.BooleanField(_("serious physical or mental illness"), default=False)
    substance_abuse = models.BooleanField(_("alcohol or drug abuse"), default=False)
    in_household = models.BooleanField(_("lives in the client's household"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ("birth_year", "pk")

    def __str__(self) -> str:
        return self.name

    @property
    def is_deceased(self) -> bool:
        return self.deceased or self.death_year is not None


class RelationKind(models.TextChoices):
    MARRIED = "married", _("married")
    COHABITING = "cohabiting", _("living together")
    SEPARATED = "separated", _("separated")
    DIVORCED = "divorced", _("divorced")
    CHILD_BIOLOGICAL = "child_biological", _("child (biological)")
    CHILD_ADOPTED = "child_adopted", _("child (adopted)")
    CHILD_FOSTER = "child_foster", _("child (foster)")
    TWIN = "twin", _("twin")
    CLOSE = "close", _("close")
    FUSED = "fused", _("fused")
    DISTANT = "distant", _("distant")
    CONFLICTUAL = "conflictual", _("conflictual")
    HOSTILE = "hostile", _("hostile")
    CUTOFF = "cutoff", _("cut off")
    ABUSE = "abuse", _("abuse")


COUPLE_KINDS = frozenset({"married", "cohabiting", "separated", "divorced"})
CHILD_KINDS = frozenset({"child_biological", "child_adopted", "child_foster"})
EMOTIONAL_KINDS = frozenset(
    {"close", "fused", "distant", "conflictual", "hostile", "cutoff", "abuse"}
)


class GenogramRelation(models.Model):
    """Between two people of the case's genogram. For children: `first` is the parent and
    `second` the child. For abuse: `first` abuses `second`."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="genogram_relations")
    first = models.ForeignKey(
        GenogramPerson, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    kind = models.CharField(_("relationship"), max_length=20, choices=RelationKind.choices)
    second = models.ForeignKey(
        GenogramPerson, on_delete=models.CASCADE, related_name="+", verbose_name=_("with")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("pk",)
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["first", "second", "kind"], name="genogram_relation_unique"
            )
        ]

    def __str__(self) -> str:
        return self.kind

    @property
    def category(self) -> str:
        if self.kind in COUPLE_KINDS:
            return "couple"
        if self.kind in CHILD_KINDS:
            return "child"
        if self.kind == RelationKind.TWIN:
            return "twin"
        return "emotional"


# --- Social network map (Tracy & Whittaker 1990) --------------------------------------------


class LifeArea(models.TextChoices):
    HOUSEHOLD = "household", _("household")
    FAMILY = "family", _("other family")
    WORK_SCHOOL = "work_school", _("work or school")
    ORGANISATIONS = "organisations", _("clubs, organisations, church")
    FRIENDS = "friends", _("friends")
    NEIGHBOURS = "neighbours", _("neighbours")
    FORMAL_SERVICES = "formal_services", _("formal services")
    OTHER = "other", _("other")


class Rating(models.IntegerChoices):
    HARDLY_EVER = 1, _("hardly ever")
    SOMETIMES = 2, _("sometimes")
    ALMOST_ALWAYS = 3, _("almost always")


class Direction(models.IntegerChoices):
    BOTH_WAYS = 1, _("goes both ways")
    CLIENT_HELPS = 2, _("the client helps them")
    THEY_HELP = 3, _("they help the client")


class Closeness(models.IntegerChoices):
    NOT_VERY_CLOSE = 1, _("not very close")
    SORT_OF_CLOSE = 2, _("sort of close")
    VERY_CLOSE = 3, _("very close")


class Frequency(models.IntegerChoices):
    NOT_AT_ALL = 0, _("does not see")
    FEW_TIMES_A_YEAR = 1, _("a few times a year")
    MONTHLY = 2, _("monthly")
    WEEKLY = 3, _("weekly")
    DAILY = 4, _("daily")


class YearsKnown(models.IntegerChoices):
    UNDER_ONE = 1, _("less than a year")
    ONE_TO_FIVE = 2, _("1 to 5 years")
    OVER_FIVE = 3, _("more than 5 years")


class NetworkMember(ConcernsSensitive, models.Model):
    MAX_MEMBERS = 15

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="network_members")
    name = models.CharField(
        _("name or role"),
        max_length=40,
        help_text=_("A first name or a role such as neighbour: no surnames or personal codes."),
    )
    area = models.CharField(_("life area"), max_length=20, choices=LifeArea.choices)
    concrete_support = models.PositiveSmallIntegerField(
        _("concrete support"), choices=Rating.choices
    )
    emotional_support = models.PositiveSmallIntegerField(
        _("emotional support"), choices=Rating.choices
    )
    information_support = models.PositiveSmallIntegerField(
        _("information and advice"), choices=Rating.choices
    )
    criticism = models.PositiveSmallIntegerField(
        _("critical of the client"), choices=Rating.choices
    )
    direction = models.PositiveSmallIntegerField(_("direction of help"), choices=Direction.choices)
    closeness = models.PositiveSmallIntegerField(_("closeness"), choices=Closeness.choices)
    frequency = models.PositiveSmallIntegerField(
        _("how often they meet"), choices=Frequency.choices
    )
    years_known = models.PositiveSmallIntegerField(_("known for"), choices=YearsKnown.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name


# --- Culturagram (Congress 2008) ------------------------------------------------------------

CULTURAGRAM_AREAS: list[tuple[str, StrOrPromise]] = [
    ("relocation", _("Reasons for relocation")),
    ("legal_status", _("Legal status")),
    ("time_in_community", _("Time in the community")),
    ("language", _("Language spoken at home and in the community")),
    ("health_beliefs", _("Health beliefs")),
    ("crisis_events", _("Impact of crisis events")),
    ("holidays", _("Holidays and special events")),
    ("institutions", _("Contact with cultural and religious institutions")),
    ("education_work", _("Values about education and work")),
    ("family_values", _("Values about family: structure, power, myths and rules")),
]


class Culturagram(models.Model):
    """The ten areas of the culturagram for one case, kept current (edits replace the text)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="culturagram")
    relocation = models.TextField(_("Reasons for relocation"), blank=True)
    legal_status = models.TextField(_("Legal status"), blank=True)
    time_in_community = models.TextField(_("Time in the community"), blank=True)
    language = models.TextField(_("Language spoken at home and in the community"), blank=True)
    health_beliefs = models.TextField(_("Health beliefs"), blank=True)
    crisis_events = models.TextField(_("Impact of crisis events"), blank=True)
    holidays = models.TextField(_("Holidays and special events"), blank=True)
    institutions = models.TextField(
        _("Contact with cultural and religious institutions"), blank=True
    )
    education_work = models.TextField(_("Values about education and work"), blank=True)
    family_values = models.TextField(
        _("Values about family: structure, power, myths and rules"), blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return str(self.case_id)


# --- Family map (Minuchin 1974) -------------------------------------------------------------


class Boundary(models.TextChoices):
    """Minuchin's notation: clear = dashed line, diffuse = dotted line, rigid = solid line."""

    CLEAR = "clear", _("clear")
    DIFFUSE = "diffuse", _("diffuse")
    RIGID = "rigid", _("rigid")


class SubsystemKind(models.TextChoices):
    SPOUSAL = "spousal", _("spousal or parental")
    SIBLING = "sibling", _("siblings")
    PARENT_CHILD = "parent_child", _("parent and child")
    OTHER = "other", _("other")


class FamilyRelationKind(models.TextChoices):
    AFFILIATION = "affiliation", _("affiliation")
    OVER_INVOLVEMENT = "over_involvement", _("over-involvement")
    CONFLICT = "conflict", _("conflict")
    COALITION = "coalition", _("coalition against a third person")


class FamilyMap(models.Model):
    """Minuchin's structural map of the family on one date; later maps show change."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="family_maps")
    drawn_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=250, blank=True)
    outside_boundary = models.CharField(
        _("boundary of the family towards the outside"),
        max_length=10,
        choices=Boundary.choices,
        default=Boundary.CLEAR,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-drawn_on", "-pk")
        verbose_name = _("family map")

    def __str__(self) -> str:
        return str(self.drawn_on)


class FamilyMember(models.Model):
    """A member of the family map: a person from the case's genogram, or a short role label
    ("mother", "partner") when the genogram does not hold them."""

    MAX_MEMBERS = 20

    family_map = models.ForeignKey(FamilyMap, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        GenogramPerson,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person from the genogram"),
    )
    label = models.CharField(
        _("or a role"),
        max_length=40,
        blank=True,
        help_text=_("A role such as mother or partner: no surnames or personal codes."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        if self.person_id is not None and self.person is not None:
            return self.person.name
        return self.label


class FamilySubsystem(models.Model):
    family_map = models.ForeignKey(FamilyMap, on_delete=models.CASCADE, related_name="subsystems")
    kind = models.CharField(_("subsystem"), max_length=15, choices=SubsystemKind.choices)
    name = models.CharField(
        _("name"), max_length=60, blank=True, help_text=_("Optional, for example parents.")
    )
    boundary = models.CharField(
        _("boundary"), max_length=10, choices=Boundary.choices, default=Boundary.CLEAR
    )
    members = models.ManyToManyField(
        FamilyMember, related_name="subsystems", verbose_name=_("members")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        return self.name or str(self.get_kind_display())


class FamilyRelation(models.Model):
    """Between two members, or a member and a subsystem. A coalition joins `first` and
    `second` against `against`."""

    family_map = models.ForeignKey(FamilyMap, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("relation"), max_length=20, choices=FamilyRelationKind.choices)
    first = models.ForeignKey(
        FamilyMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    second = models.ForeignKey(
        FamilyMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("with member"),
    )
    second_subsystem = models.ForeignKey(
        FamilySubsystem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("or with subsystem"),
    )
    against = models.ForeignKey(
        FamilyMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("against (for a coalition)"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.kind
