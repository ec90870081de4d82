"""The catalogue of social-work methods (E1–E3): 23 methods in three groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MethodGroup(models.TextChoices):
    IDENTIFICATION = "identification", _("Problem identification")
    INTERVENTION = "intervention", _("Intervention and assessment")
    SOLVING = "solving", _("Problem solving")


class Method(models.TextChoices):
    # E1 problem identification
    ECOMAP = "ecomap", _("ecomap")
    GENOGRAM = "genogram", _("genogram")
    FAMILY_MAP = "family_map", _("family map")
    SURVEY = "survey", _("survey (questionnaire)")
    CULTURAGRAM = "culturagram", _("culturagram")
    # E2 intervention and assessment
    SOCIAL_NETWORK_MAP = "social_network_map", _("social network map")
    OBSERVATION = "observation", _("observation")
    RESEARCH = "research", _("research")
    # E3 problem solving
    CASE_CONFERENCE = "case_conference", _("case conference")
    CONSULTATION = "consultation", _("consultation")
    NEGOTIATION = "negotiation", _("negotiation (mediation)")
    LOGICAL_DISCUSSION = "logical_discussion", _("logical discussion")
    DOCUMENT_ANALYSIS = "document_analysis", _("document analysis")
    INTERVIEW = "interview", _("interview")
    CASE_DESCRIPTION = "case_description", _("case description")
    ROLE_PLAY = "role_play", _("role play")
    MODELLING = "modelling", _("modelling")
    CONFLICT_PROMOTION = "conflict_promotion", _("conflict promotion")
    LIMIT_SETTING = "limit_setting", _("limit setting")
    PERSUASION = "persuasion", _("persuasion")
    ENCOURAGEMENT = "encouragement", _("encouragement")
    VENTILATION = "ventilation", _("ventilation")
    EVALUATION = "evaluation", _("evaluation")


METHOD_GROUPS: dict[MethodGroup, list[Method]] = {
    MethodGroup.IDENTIFICATION: [
        Method.ECOMAP, Method.GENOGRAM, Method.FAMILY_MAP, Method.SURVEY, Method.CULTURAGRAM,
    ],
    MethodGroup.INTERVENTION: [Method.SOCIAL_NETWORK_MAP, Method.OBSERVATION, Method.RESEARCH],
    MethodGroup.SOLVING: [
        Method.CASE_CONFERENCE, Method.CONSULTATION, Method.NEGOTIATION,
        Method.LOGICAL_DISCUSSION, Method.DOCUMENT_ANALYSIS, Method.INTERVIEW,
        Method.CASE_DESCRIPTION, Method.ROLE_PLAY, Method.MODELLING, Method.CONFLICT_PROMOTION,
        Method.LIMIT_SETTING, Method.PERSUASION, Method.ENCOURAGEMENT, Method.VENTILATION,
        Method.EVALUATION,
    ],
}  # fmt: skip


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices for a form: each group's label with its methods."""
    return [
        (str(group.label), [(m.value, str(m.label)) for m in methods])
        for group, methods in METHOD_GROUPS.items()
    ]
