"""Dated configuration shipped with Tilts: the minimum-income benefit's amounts and the
handbook's nine participation obligations (C2). Loaded by a data migration; `load()` is
idempotent so tests that flush the database can load it again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

GMI_CODE = "gmi"
DEFAULT_TEMPLATE_CODE = "handbook-c2"

GMI_NAMES = {
    "lv": "Garantētā minimālā ienākuma pabalsts",
    "ru": "Пособие гарантированного минимального дохода",
    "en": "Guaranteed minimum income benefit",
}
# Thresholds in EUR per month: first or only person in the household, each other person.
GMI_RATES = [
    (date(2025, 1, 1), date(2025, 12, 31), Decimal("150.00"), Decimal("105.00")),
    (date(2026, 1, 1), None, Decimal("150.00"), Decimal("105.00")),
]

TEMPLATE_NAMES = {
    "lv": "Līdzdarbības pienākumi (rokasgrāmatas paraugs)",
    "ru": "Обязанности по участию (образец из пособия)",
    "en": "Participation obligations (handbook model)",
}
# C2, in the handbook's order and words (Latvian), with Russian and English translations.
# The handbook names the State Employment Agency by its old name (VNA); today it is NVA.
NINE_OBLIGATIONS: list[dict[str, str]] = [
    {
        "lv": "Reģistrēties Nodarbinātības valsts aģentūrā kā bezdarbniekam",
        "ru": "Зарегистрироваться в Государственном агентстве занятости как безработный",
        "en": "Register with the State Employment Agency as unemployed",
    },
    {
        "lv": "Nepieciešamības gadījumā nokārtot pasi un nodokļu grāmatiņu",
        "ru": "При необходимости оформить паспорт и налоговую книжку",
        "en": "Obtain a passport and tax book if needed",
    },
    {
        "lv": "Reģistrēties dzīvokļu rindā",
        "ru": "Встать в муниципальную очередь на жильё",
        "en": "Register in the municipal housing queue",
    },
    {
        "lv": "Apmeklēt narkologu",
        "ru": "Посетить нарколога",
        "en": "Visit a narcologist",
    },
    {
        "lv": "Pieteikties un veikt izmeklējumus pie ģimenes ārsta",
        "ru": "Зарегистрироваться у семейного врача и пройти обследование",
        "en": "Register with and be examined by a family doctor",
    },
    {
        "lv": "Reģistrēties Valsts probācijas dienestā un noslēgt vienošanos par "
        "postpenitenciārās palīdzības sniegšanu",
        "ru": "Зарегистрироваться в Государственной службе пробации и заключить соглашение "
        "о постпенитенциарной помощи",
        "en": "Register with the State Probation Service and agree on post-penitentiary assistance",
    },
    {
        "lv": "Ja ir iespēja, tad iesaistīties atbalsta grupā",
        "ru": "По возможности присоединиться к группе поддержки",
        "en": "Join a support group where possible",
    },
    {
        "lv": "Ja nepieciešams, iesaistīties uzvedības korekcijas programmā",
        "ru": "При необходимости участвовать в программе коррекции поведения",
        "en": "Join a behaviour-correction programme if needed",
    },
    {
        "lv": "Nepieciešamības gadījumā kopā ar klientu un Valsts probācijas dienesta "
        "amatpersonu lemt par iespēju doties uz Sociālās rehabilitācijas centru vai ārstēties "
        "narkoloģijas dienestā",
        "ru": "При необходимости вместе с клиентом и должностным лицом Государственной службы "
        "пробации решить вопрос о направлении в Центр социальной реабилитации или о лечении "
        "в наркологической службе",
        "en": "Decide together with the client and the probation officer on a social "
        "rehabilitation centre or treatment at the narcology service, if needed",
    },
]
DUE_IN_DAYS = [14, 30, 30, 14, 30, 14, 60, 60, 60]


def _texts(names: dict[str, str]) -> dict[str, str]:
    return {f"text_{language}": text for language, text in names.items()}


def load(apps: Any = None) -> None:
    """Create the GMI benefit with its rates and the default template, if missing."""
    get = apps.get_model if apps is not None else _model
    benefit_type = get("plans", "BenefitType")
    benefit_rate = get("plans", "BenefitRate")
    template_model = get("plans", "ObligationTemplate")
    item_model = get("plans", "ObligationTemplateItem")
    gmi, _created = benefit_type.objects.get_or_create(code=GMI_CODE, defaults=_texts(GMI_NAMES))
    for valid_from, valid_to, first, other in GMI_RATES:
        benefit_rate.objects.get_or_create(
            benefit=gmi,
            valid_from=valid_from,
            defaults={"valid_to": valid_to, "first_person_eur": first, "other_person_eur": other},
        )
    template, created = template_model.objects.get_or_create(
        code=DEFAULT_TEMPLATE_CODE,
        defaults={"valid_from": date(2025, 1, 1), "is_default": True, **_texts(TEMPLATE_NAMES)},
    )
    if created:
        for position, (texts, days) in enumerate(zip(NINE_OBLIGATIONS, DUE_IN_DAYS, strict=True)):
            item_model.objects.create(
                template=template, position=position + 1, due_in_days=days, **_texts(texts)
            )


def _model(app_label: str, name: str) -> Any:
    from django.apps import apps

    return apps.get_model(app_label, name)
