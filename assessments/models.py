"""Assessment of the eight social needs (B1), problems (B2), barriers (B3), strengths and
resources. Every assessment is a dated version; a re-assessment adds a version and never
changes an earlier one (B4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case


class Need(models.TextChoices):
    """B1: the eight social needs the handbook asks to consider for every person."""

    SHELTER = "shelter", _("shelter")
    FOOD = "food", _("food")
    SUBSISTENCE = "subsistence", _("means of subsistence")
    PAID_WORK = "paid_work", _("paid work")
    EDUCATION = "education", _("education opportunities")
    UPBRINGING = "upbringing", _("upbringing and personal development opportunities")
    CARE = "care", _("care and rehabilitation")
    RELATIONSHIPS = "relationships", _("functional relationships")


class Level(models.IntegerChoices):
    """How great the need is, 0–3, with the descriptor workers score against."""

    NONE = 0, _("0 — no need: manages without help")
    LOW = 1, _("1 — low need: some support would help")
    CONSIDERABLE = 2, _("2 — considerable need: support is needed")
    SEVERE = 3, _("3 — severe need: urgent help is needed")


class Problem(models.TextChoices):
    """B2: the main social problems the research found."""

    NO_HOME = "no_home", _("no permanent place to live")
    SOCIAL_SKILLS = (
        "social_skills",
        _("insufficient social skills, inability to adapt and join a social environment"),
    )
    ATTITUDE = "attitude", _("negative attitude of society and relatives")
    EDUCATION = "education", _("lack of education")
    LABOUR_MARKET = "labour_market", _("inability to enter the labour market")
    INFORMATION = "information", _("no access to complete information")
    HEALTH = "health", _("health problems and chronic illness")
    DEPENDENCY = "dependency", _("dependencies")
    LEISURE = "leisure", _("empty leisure time")


class Barrier(models.TextChoices):
    """B3: what can limit the work with the client."""

    CONTACT = "contact", _("difficulty making contact, mistrust")
    FALSE_INFORMATION = "false_information", _("giving false information, lying")
    FEAR_OF_CHANGE = "fear_of_change", _("fear of change")
    MOTIVATION = "motivation", _("lack of motivation")
    DISBELIEF = (
        "disbelief",
        _("disbelief in the client's abilities and unwillingness to work for him"),
    )
    INCOMPETENCE = "incompetence", _("incompetence of other professionals in certain problems")
    INFORMATION_FLOW = "information_flow", _("information-flow problems (incomplete information)")
    DIFFERING_VIEWS = (
        "differing_views",
        _("other institutions' differing view of the situation and its solutions"),
    )
    CONFIDENTIALITY = "confidentiality", _("ensuring confidentiality")
    RESOURCES = "resources", _("insufficient resources")


class Assessment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveIntegerField(_("version"))
    assessed_on = models.DateField(_("date of assessment"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    strengths = models.TextField(_("the client's strengths"), blank=True)
    resources = models.TextField(_("existing and available resources"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("case", "version")
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="assessment_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.version}"


class NeedScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    need = models.CharField(_("need"), max_length=20, choices=Need.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["assessment", "need"], name="need_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.need}: {self.level}"


class ProblemFinding(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="problems")
    problem = models.CharField(_("problem"), max_length=20, choices=Problem.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.problem


class BarrierFinding(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="barriers")
    barrier = models.CharField(_("barrier"), max_length=20, choices=Barrier.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.barrier
