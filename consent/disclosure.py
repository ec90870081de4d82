"""One rule for what of a case a reader of another organisation is shown (issue 19).

Pages decide whole categories through the permission layer (cases.permissions: identity, case
plan, health, conviction). Health and criminal-record details must not leak sideways through
the other categories either: a note, the client's statement, a plan goal or step, an
obligation, a diagram node, help in kind or a referral that concerns health or dependency (or
a conviction) belongs to that category too. An item concerns it

- when the worker said so (its `concerns_health` / `concerns_conviction` box),
- when its kind says so (an ecomap's "addiction treatment", a goal for "care and
  rehabilitation", a referral to or help from a directory service for a health need), or
- when its words say so (narcologist, family doctor, psychologist, treatment,
  rehabilitation … in Latvian, Russian or English).

Every selector that returns such items to a reader passes them through `disclosed`: items of a
withheld category are left out and counted, and the page shows a neutral placeholder ("one
item not shared with your organisation") in their place. Readers with every category (the
organisation holding the case) pay nothing: `withheld_categories` is then empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.text import fold

from .models import Category

T = TypeVar("T")

# The categories that must not leak through the others.
SENSITIVE: tuple[str, ...] = (Category.HEALTH, Category.CONVICTION)
FLAGS: dict[str, str] = {
    Category.HEALTH: "concerns_health",
    Category.CONVICTION: "concerns_conviction",
}

# Word stems (folded: lower case, no diacritics) that make a text concern the category.
_WORDS: dict[str, tuple[str, ...]] = {
    Category.HEALTH: tuple(
        fold(stem)
        for stem in (
            # Latvian
            "narkolog",
            "ārst",
            "psiholog",
            "psihiatr",
            "psihoterap",
            "rehabilit",
            "atkarīb",
            "veselīb",
            "slimīb",
            "slimnīc",
            "medikament",
            "metadon",
            "tuberkul",
            "hepatīt",
            "hiv",
            "minesot",
            "diagnoz",
            "terapij",
            "poliklīnik",
            "alkoholism",
            # Russian
            "нарколог",
            "врач",
            "доктор",
            "психолог",
            "психиатр",
            "психотерап",
            "реабилит",
            "лечен",
            "зависимост",
            "здоров",
            "болезн",
            "больниц",
            "лекарств",
            "метадон",
            "туберкул",
            "гепатит",
            "диагноз",
            "терапи",
            "поликлиник",
            "алкоголизм",
            # English
            "narcolog",
            "doctor",
            "physician",
            "psycholog",
            "psychiatr",
            "psychotherap",
            "rehab",
            "treatment",
            "addict",
            "dependen",
            "health",
            "illness",
            "hospital",
            "medication",
            "methadone",
            "therapy",
            "diagnos",
            "clinic",
            "alcoholism",
        )
    ),
    Category.CONVICTION: tuple(
        fold(stem)
        for stem in (
            "sodāmīb",
            "notiesā",
            "kriminālliet",
            "krimināllikum",
            "noziedzīgs nodarījum",
            "судимост",
            "осужд",
            "уголовн",
            "conviction",
            "convicted",
            "criminal record",
            "offence",
        )
    ),
}

# Kinds that make an item concern the category, by the attribute that holds the kind.
_KINDS: dict[str, dict[str, frozenset[str]]] = {
    Category.HEALTH: {
        # ecomap systems (diagrams.SystemKind), network areas, goal and assessment needs
        "kind": frozenset({"health_care", "addiction_treatment"}),
        "need": frozenset({"care", "health", "dependency"}),
        "area": frozenset({"health_care"}),
        "problem": frozenset({"health", "dependency"}),
    },
    Category.CONVICTION: {
        "kind": frozenset({"court_prison", "criminal_peers"}),
        "need": frozenset(),
        "area": frozenset(),
        "problem": frozenset(),
    },
}

# The free-text attributes of the items that are read for the words above.
TEXT_FIELDS = (
    "text", "description", "label", "note", "reason", "outcome", "custom_text",
    "provider_name", "institution", "evidence_text", "name", "comment", "title",
    "cancel_reason", "participants", "with_whom", "place",
)  # fmt: skip


# A stem matches at the start of a word: "ārsts" but not "karsts" (hot).
_PATTERNS = {
    category: re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + ")")
    for category, stems in _WORDS.items()
}


def text_concerns(category: str, *texts: str) -> bool:
    return bool(_PATTERNS[category].search(fold(" ".join(t for t in texts if t))))


def _health_service_ids(service_ids: Iterable[Any]) -> set[Any]:
    """Of these directory services, those offering help with a health need."""
    ids = {pk for pk in service_ids if pk is not None}
    if not ids:
        return set()
    from directory.models import ServiceNeed
    from directory.needs import HEALTH_NEEDS

    return set(
        ServiceNeed.objects.filter(service_id__in=ids, need__code__in=HEALTH_NEEDS)
        .values_list("service_id", flat=True)
        .distinct()
    )


def concerns(item: Any, category: str, *, health_services: set[Any] | None = None) -> bool:
    """Whether the item concerns the category: the worker's box, its kind or its words.
    `health_services`: the ids of health services among the items' (read once for a list)."""
    if getattr(item, FLAGS[category], False):
        return True
    for attribute, kinds in _KINDS[category].items():
        if getattr(item, attribute, None) in kinds:
            return True
    if category == Category.HEALTH:
        service_id = getattr(item, "service_id", None)
        if service_id is not None:
            known = health_services
            if known is None:
                known = _health_service_ids([service_id])
            if service_id in known:
                return True
    texts = [getattr(item, name, "") for name in TEXT_FIELDS]
    if hasattr(item, "text_in"):
        texts.append(item.text_in())
    return text_concerns(category, *(t for t in texts if isinstance(t, str)))


def withheld_categories(user: Any, case: Any) -> frozenset[str]:
    """The sensitive categories this reader of the case may not see (none for the
    organisation holding it; health and conviction unless the client's consent for the
    reader's organisation covers them)."""
    from cases.permissions import shared_categories

    shared = shared_categories(user, case)
    return frozenset(c for c in SENSITIVE if c not in shared)


def withheld_for_organisation(
    client_id: int, organisation_id: int, case_id: int | None = None
) -> frozenset[str]:
    """The sensitive categories the client's consent (or, for a case, a legal basis recorded
    on it) does not share with this organisation."""
    from .selectors import categories_shared

    shared = categories_shared(client_id, [organisation_id], case_id=case_id)
    return frozenset(c for c in SENSITIVE if c not in shared)


@dataclass
class Disclosed[T]:
    """Items a reader may see, and how many were left out (shown as a placeholder)."""

    items: list[T] = field(default_factory=list)
    withheld: int = 0

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items) or bool(self.withheld)

    @property
    def placeholder(self) -> str:
        return placeholder(self.withheld)


def placeholder(count: int) -> str:
    if not count:
        return ""
    return ngettext(
        "%(count)s item not shared with your organisation",
        "%(count)s items not shared with your organisation",
        count,
    ) % {"count": count}


WITHHELD_TEXT = _("Not shared with your organisation")


def withheld_item(item: Any, withheld: frozenset[str], **kwargs: Any) -> bool:
    return any(concerns(item, category, **kwargs) for category in withheld)


def filter_items[T](items: Iterable[T], withheld: frozenset[str]) -> Disclosed[T]:
    """`items` without those of the withheld categories."""
    listed = list(items)
    if not withheld or not listed:
        return Disclosed(listed, 0)
    health_services = (
        _health_service_ids(getattr(i, "service_id", None) for i in listed)
        if Category.HEALTH in withheld
        else set()
    )
    shown = [i for i in listed if not withheld_item(i, withheld, health_services=health_services)]
    return Disclosed(shown, len(listed) - len(shown))


def disclosed[T](user: Any, case: Any, items: Iterable[T]) -> Disclosed[T]:
    """The items of the case this reader may see (the rest counted for the placeholder)."""
    return filter_items(items, withheld_categories(user, case))


def restrict_queryset(user: Any, case: Any, queryset: Any) -> Any:
    """The queryset without the items this reader may not see, still a queryset (for forms'
    choices and the selectors' callers); unchanged for readers who see every category."""
    withheld = withheld_categories(user, case)
    if not withheld:
        return queryset
    kept = filter_items(queryset, withheld)
    return queryset.filter(pk__in=[item.pk for item in kept.items])


def restrict_prefetched(instance: Any, name: str, withheld: frozenset[str]) -> int:
    """Leave out of an object's prefetched relation `name` the items of the withheld
    categories (the templates' `.all` then shows only the rest); how many were left out."""
    cache = getattr(instance, "_prefetched_objects_cache", {})
    queryset = cache.get(name)
    if queryset is None or not withheld:
        return 0
    kept = filter_items(list(queryset), withheld)
    queryset._result_cache = kept.items
    return kept.withheld


@dataclass(frozen=True)
class Marked:
    """An item read as values (a reminder's text and marks), for `withheld_item`."""

    text: str
    concerns_health: bool = False
    concerns_conviction: bool = False


def withheld_by_case(user: Any, holders: dict[int, tuple[int, int]]) -> dict[int, frozenset[str]]:
    """For the cases of other organisations among these (case id: its organisation and lead
    worker, as the caller read them), what the client's consent withholds from the user. Cases
    of the user's own organisations and those the user leads withhold nothing and are left
    out, without a query."""
    from accounts.permissions import organisation_ids_of
    from cases.models import Case

    if not holders or not getattr(user, "is_authenticated", False):
        return {}
    own = organisation_ids_of(user)
    others = [
        pk
        for pk, (organisation, lead) in holders.items()
        if organisation not in own and lead != user.pk
    ]
    if not others:
        return {}
    return {case.pk: withheld_categories(user, case) for case in Case.objects.filter(pk__in=others)}


def text_withheld(text: str, withheld: frozenset[str]) -> bool:
    """Whether a free text's words concern a category withheld from the reader."""
    return bool(text) and any(text_concerns(category, text) for category in withheld)


def disclosed_text(text: str, withheld: frozenset[str]) -> str:
    """A free text (conference minutes, decisions) as a reader of another organisation may
    read it: each line whose words concern a withheld category is replaced by the neutral
    placeholder (consecutive ones by one placeholder); unchanged for readers who see every
    category."""
    if not withheld or not text:
        return text
    lines: list[str] = []
    for line in text.splitlines():
        if text_withheld(line, withheld):
            if not lines or lines[-1] != str(WITHHELD_TEXT):
                lines.append(str(WITHHELD_TEXT))
        else:
            lines.append(line)
    return "\n".join(lines)


def mask_labels(items: Iterable[Any], attributes: tuple[str, ...], withheld: frozenset[str]) -> int:
    """Replace, on the loaded objects (never saved), each of these free-text attributes whose
    words concern a withheld category by the neutral placeholder, for diagrams whose shape
    must stay (a genogram person, a family map's member or subsystem); how many were masked."""
    if not withheld:
        return 0
    count = 0
    for item in items:
        for attribute in attributes:
            if text_withheld(getattr(item, attribute, "") or "", withheld):
                setattr(item, attribute, str(WITHHELD_TEXT))
                count += 1
    return count


def mask_choices(form: Any, withheld: frozenset[str]) -> None:
    """A form's choices of diagram items (genogram people, family map members) labelled with
    the neutral placeholder where the label's words concern a withheld category."""
    if not withheld:
        return
    from django import forms

    for choice_field in form.fields.values():
        if isinstance(choice_field, forms.ModelChoiceField):
            original = choice_field.label_from_instance

            def label(obj: Any, original: Any = original) -> str:
                text = str(original(obj))
                return str(WITHHELD_TEXT) if text_withheld(text, withheld) else text

            choice_field.label_from_instance = label  # type: ignore[method-assign]
