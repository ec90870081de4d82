"""Tilts' taxonomy of needs (HSDS taxonomy terms): what a released person may need help with.

Covers G1 and the work of D1–D8: basic needs and help in kind, documents and money, housing,
work and learning, health and dependency, and social support. Groups hold needs; the search
accepts either. Ids are fixed (UUID 5 of the code) so exports and imports agree across
installations. Each row: code, Latvian, Russian, English name, Latvian description.
"""

from __future__ import annotations

import uuid
from typing import Any

NAMESPACE = uuid.UUID("5b0c1c4e-7a53-4d0f-9a4c-3f1e1d7f2a10")
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:tilts-needs")
TAXONOMY = {
    "name": "Tilts vajadzības",
    "description": (
        "Vajadzības, ar kurām palīdz cilvēkiem pēc atbrīvošanas no ieslodzījuma vietas "
        "(Tilts needs taxonomy: help for people released from prison)."
    ),
    "version": "2026.1",
}

Row = tuple[str, str, str, str, str]

GROUPS: list[tuple[Row, list[Row]]] = [
    (
        (
            "basic",
            "Pamatvajadzības",
            "Базовые потребности",
            "Basic needs",
            "Naktsmītne, ēdiens, apģērbs, higiēna un cita palīdzība natūrā.",
        ),
        [
            (
                "night-shelter",
                "Naktspatversme",
                "Ночлежка",
                "Night shelter",
                "Naktsmītne uz vienu nakti vai īsu laiku.",
            ),
            (
                "shelter",
                "Patversme",
                "Приют",
                "Shelter",
                "Īslaicīga dzīvesvieta ar sociālo darbinieku atbalstu.",
            ),
            (
                "warm-meals",
                "Siltas maltītes",
                "Горячее питание",
                "Warm meals",
                "Zupas virtuve vai siltas pusdienas.",
            ),
            (
                "food-packages",
                "Pārtikas pakas",
                "Продуктовые наборы",
                "Food packages",
                "Pārtikas un pamata preču komplekti.",
            ),
            ("clothing", "Apģērbs", "Одежда", "Clothing", "Sezonai atbilstošs apģērbs un apavi."),
            ("hygiene", "Higiēna", "Гигиена", "Hygiene", "Duša, pirts un higiēnas preces."),
            (
                "laundry",
                "Veļas mazgāšana",
                "Стирка белья",
                "Laundry",
                "Veļas mazgāšana un žāvēšana.",
            ),
            (
                "transport-tickets",
                "Transporta biļetes",
                "Проездные билеты",
                "Transport tickets",
                "Biļetes braucienam uz dzīvesvietu, darbu vai pie speciālista.",
            ),
        ],
    ),
    (
        (
            "documents-money",
            "Dokumenti un nauda",
            "Документы и деньги",
            "Documents and money",
            "Personu apliecinoši dokumenti, pabalsti, parādi un juridiskā palīdzība.",
        ),
        [
            (
                "identity-documents",
                "Personu apliecinoši dokumenti",
                "Документы, удостоверяющие личность",
                "Identity documents",
                "Pase vai personas apliecība, deklarētā dzīvesvieta.",
            ),
            (
                "benefits",
                "Pabalsti",
                "Пособия",
                "Benefits",
                "Pašvaldības un valsts pabalsti, garantētais minimālais ienākums.",
            ),
            (
                "debt-advice",
                "Parādu konsultācijas",
                "Консультации по долгам",
                "Debt advice",
                "Palīdzība ar parādiem, piedziņu un maksātnespēju.",
            ),
            (
                "legal-aid",
                "Juridiskā palīdzība",
                "Юридическая помощь",
                "Legal aid",
                "Valsts nodrošinātā un bezmaksas juridiskā palīdzība.",
            ),
        ],
    ),
    (
        ("housing", "Mājoklis", "Жильё", "Housing", "Palīdzība atrast un saglabāt mājokli."),
        [
            (
                "housing-queue",
                "Pašvaldības dzīvokļu rinda",
                "Очередь на муниципальное жильё",
                "Municipal housing queue",
                "Reģistrācija palīdzības saņemšanai dzīvokļa jautājumu risināšanā.",
            ),
            (
                "housing-support",
                "Atbalsts mājokļa uzturēšanai",
                "Поддержка в содержании жилья",
                "Help to keep a home",
                "Mājokļa pabalsts, komunālie maksājumi, īres līgums.",
            ),
        ],
    ),
    (
        (
            "work-learning",
            "Darbs un izglītība",
            "Работа и образование",
            "Work and learning",
            "Darba meklēšana, profesionālā apmācība un vispārējā izglītība.",
        ),
        [
            (
                "employment-agency",
                "Nodarbinātības valsts aģentūra",
                "Государственное агентство занятости",
                "State Employment Agency",
                "Bezdarbnieka statuss, vakances, karjeras konsultācijas.",
            ),
            (
                "vocational-training",
                "Profesionālā apmācība",
                "Профессиональное обучение",
                "Vocational training",
                "Kursi un apmācība profesijas iegūšanai.",
            ),
            (
                "general-education",
                "Vispārējā izglītība",
                "Общее образование",
                "General education",
                "Pamatizglītības un vidējās izglītības iegūšana pieaugušajiem.",
            ),
        ],
    ),
    (
        (
            "health",
            "Veselība un atkarības",
            "Здоровье и зависимости",
            "Health and dependency",
            "Ģimenes ārsts, hroniskas slimības, atkarību ārstēšana un psiholoģiskā palīdzība.",
        ),
        [
            (
                "family-doctor",
                "Ģimenes ārsts",
                "Семейный врач",
                "Family doctor",
                "Reģistrācija pie ģimenes ārsta un primārā veselības aprūpe.",
            ),
            (
                "chronic-illness",
                "Hronisku slimību aprūpe",
                "Уход при хронических болезнях",
                "Chronic illness care",
                "Tuberkuloze, HIV, hepatīts, diabēts un citas slimības.",
            ),
            (
                "addiction-treatment",
                "Narkoloģiskā palīdzība",
                "Наркологическая помощь",
                "Addiction treatment",
                "Alkohola un narkotiku atkarības ārstēšana, Minesotas programma.",
            ),
            (
                "psychological-help",
                "Psihologa palīdzība",
                "Психологическая помощь",
                "Psychological help",
                "Psihologa konsultācijas un krīzes intervence.",
            ),
            (
                "trust-hotline",
                "Uzticības tālrunis",
                "Телефон доверия",
                "Trust hotline",
                "Anonīms atbalsts pa tālruni krīzē.",
            ),
        ],
    ),
    (
        (
            "social-support",
            "Sociālais atbalsts",
            "Социальная поддержка",
            "Social support",
            "Grupas, programmas un brīvais laiks, kas palīdz dzīvot bez noziedzīga nodarījuma.",
        ),
        [
            (
                "support-groups",
                "Atbalsta un pašpalīdzības grupas",
                "Группы поддержки и самопомощи",
                "Support and self-help groups",
                "AA, NA un citas atbalsta grupas.",
            ),
            (
                "social-skills",
                "Sociālo prasmju programmas",
                "Программы социальных навыков",
                "Social-skills programmes",
                "Ikdienas prasmes, saskarsme, budžeta plānošana.",
            ),
            (
                "behaviour-correction",
                "Uzvedības korekcijas programmas",
                "Программы коррекции поведения",
                "Behaviour-correction programmes",
                "Agresijas mazināšana un citas probācijas programmas.",
            ),
            (
                "leisure-sport",
                "Brīvais laiks un sports",
                "Досуг и спорт",
                "Leisure and sport",
                "Sporta nodarbības, pulciņi un brīvprātīgais darbs.",
            ),
            (
                "religious-support",
                "Garīgā aprūpe",
                "Духовная поддержка",
                "Religious support",
                "Draudžu un kapelānu atbalsts.",
            ),
        ],
    ),
]


# Needs that are health data (special category, issue 19): the health group and its needs. A
# referral to, or help in kind from, a service for one of them concerns the client's health.
HEALTH_NEEDS: frozenset[str] = frozenset(
    code
    for group, rows in GROUPS
    if group[0] == "health"
    for code in [group[0], *(r[0] for r in rows)]
)


def need_id(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"need:{code}")


def leaf_codes() -> list[str]:
    return [row[0] for _group, rows in GROUPS for row in rows]


def load(taxonomy_model: Any, need_model: Any) -> None:
    """Create or update the taxonomy and its terms (idempotent). Takes the model classes so the
    data migration can pass its historical models."""
    taxonomy, _created = taxonomy_model.objects.update_or_create(id=TAXONOMY_ID, defaults=TAXONOMY)
    position = 0
    for group, rows in GROUPS:
        parent = None
        for row in [group, *rows]:
            code, name, name_ru, name_en, description = row
            position += 1
            term, _created = need_model.objects.update_or_create(
                id=need_id(code),
                defaults={
                    "code": code,
                    "name": name,
                    "name_ru": name_ru,
                    "name_en": name_en,
                    "description": description,
                    "taxonomy": taxonomy,
                    "parent": parent,
                    "position": position,
                },
            )
            if parent is None:
                parent = term
