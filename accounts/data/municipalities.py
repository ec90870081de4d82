"""Latvia's planning regions and local governments (pašvaldības), as dated reference data.

The administrative-territorial reform took effect on 2021-07-01 (Law on Administrative Territories
and Populated Areas). Varakļāni municipality was merged into Madona municipality from 2025-07-01,
so it carries an end date: the map changes, the code does not.
Each row: code, kind, region code, Latvian name, Russian name, English name, valid from, valid to.
"""

from datetime import date
from typing import Any

REFORM = date(2021, 7, 1)

PLANNING_REGIONS: list[tuple[str, str, str, str]] = [
    ("kurzeme", "Kurzemes plānošanas reģions", "Курземский плановый регион", "Kurzeme Planning Region"),
    ("latgale", "Latgales plānošanas reģions", "Латгальский плановый регион", "Latgale Planning Region"),
    ("riga", "Rīgas plānošanas reģions", "Рижский плановый регион", "Riga Planning Region"),
    ("vidzeme", "Vidzemes plānošanas reģions", "Видземский плановый регион", "Vidzeme Planning Region"),
    ("zemgale", "Zemgales plānošanas reģions", "Земгальский плановый регион", "Zemgale Planning Region"),
]

CITY = "state_city"
NOVADS = "municipality"

MUNICIPALITIES: list[tuple[str, str, str, str, str, str, date, date | None]] = [
    # Kurzeme: the handbook's region.
    ("liepaja", CITY, "kurzeme", "Liepāja", "Лиепая", "Liepāja", REFORM, None),
    ("ventspils", CITY, "kurzeme", "Ventspils", "Вентспилс", "Ventspils", REFORM, None),
    ("dienvidkurzemes-novads", NOVADS, "kurzeme", "Dienvidkurzemes novads", "Южнокурземский край", "South Kurzeme Municipality", REFORM, None),
    ("kuldigas-novads", NOVADS, "kurzeme", "Kuldīgas novads", "Кулдигский край", "Kuldīga Municipality", REFORM, None),
    ("saldus-novads", NOVADS, "kurzeme", "Saldus novads", "Салдусский край", "Saldus Municipality", REFORM, None),
    ("talsu-novads", NOVADS, "kurzeme", "Talsu novads", "Талсинский край", "Talsi Municipality", REFORM, None),
    ("tukuma-novads", NOVADS, "kurzeme", "Tukuma novads", "Тукумский край", "Tukums Municipality", REFORM, None),
    ("ventspils-novads", NOVADS, "kurzeme", "Ventspils novads", "Вентспилсский край", "Ventspils Municipality", REFORM, None),
    # Latgale.
    ("daugavpils", CITY, "latgale", "Daugavpils", "Даугавпилс", "Daugavpils", REFORM, None),
    ("rezekne", CITY, "latgale", "Rēzekne", "Резекне", "Rēzekne", REFORM, None),
    ("augsdaugavas-novads", NOVADS, "latgale", "Augšdaugavas novads", "Аугшдаугавский край", "Augšdaugava Municipality", REFORM, None),
    ("balvu-novads", NOVADS, "latgale", "Balvu novads", "Балвский край", "Balvi Municipality", REFORM, None),
    ("kraslavas-novads", NOVADS, "latgale", "Krāslavas novads", "Краславский край", "Krāslava Municipality", REFORM, None),
    ("livanu-novads", NOVADS, "latgale", "Līvānu novads", "Ливанский край", "Līvāni Municipality", REFORM, None),
    ("ludzas-novads", NOVADS, "latgale", "Ludzas novads", "Лудзенский край", "Ludza Municipality", REFORM, None),
    ("preilu-novads", NOVADS, "latgale", "Preiļu novads", "Прейльский край", "Preiļi Municipality", REFORM, None),
    ("rezeknes-novads", NOVADS, "latgale", "Rēzeknes novads", "Резекненский край", "Rēzekne Municipality", REFORM, None),
    ("varaklanu-novads", NOVADS, "latgale", "Varakļānu novads", "Вараклянский край", "Varakļāni Municipality", REFORM, date(2025, 6, 30)),
    # Rīga.
    ("riga", CITY, "riga", "Rīga", "Рига", "Riga", REFORM, None),
    ("jurmala", CITY, "riga", "Jūrmala", "Юрмала", "Jūrmala", REFORM, None),
    ("adazu-novads", NOVADS, "riga", "Ādažu novads", "Адажский край", "Ādaži Municipality", REFORM, None),
    ("kekavas-novads", NOVADS, "riga", "Ķekavas novads", "Кекавский край", "Ķekava Municipality", REFORM, None),
    ("marupes-novads", NOVADS, "riga", "Mārupes novads", "Марупский край", "Mārupe Municipality", REFORM, None),
    ("ogres-novads", NOVADS, "riga", "Ogres novads", "Огрский край", "Ogre Municipality", REFORM, None),
    ("olaines-novads", NOVADS, "riga", "Olaines novads", "Олайнский край", "Olaine Municipality", REFORM, None),
    ("ropazu-novads", NOVADS, "riga", "Ropažu novads", "Ропажский край", "Ropaži Municipality", REFORM, None),
    ("salaspils-novads", NOVADS, "riga", "Salaspils novads", "Саласпилсский край", "Salaspils Municipality", REFORM, None),
    ("saulkrastu-novads", NOVADS, "riga", "Saulkrastu novads", "Саулкрастский край", "Saulkrasti Municipality", REFORM, None),
    ("siguldas-novads", NOVADS, "riga", "Siguldas novads", "Сигулдский край", "Sigulda Municipality", REFORM, None),
    # Vidzeme.
    ("aluksnes-novads", NOVADS, "vidzeme", "Alūksnes novads", "Алуксненский край", "Alūksne Municipality", REFORM, None),
    ("cesu-novads", NOVADS, "vidzeme", "Cēsu novads", "Цесисский край", "Cēsis Municipality", REFORM, None),
    ("gulbenes-novads", NOVADS, "vidzeme", "Gulbenes novads", "Гулбенский край", "Gulbene Municipality", REFORM, None),
    ("limbazu-novads", NOVADS, "vidzeme", "Limbažu novads", "Лимбажский край", "Limbaži Municipality", REFORM, None),
    ("madonas-novads", NOVADS, "vidzeme", "Madonas novads", "Мадонский край", "Madona Municipality", REFORM, None),
    ("smiltenes-novads", NOVADS, "vidzeme", "Smiltenes novads", "Смилтенский край", "Smiltene Municipality", REFORM, None),
    ("valkas-novads", NOVADS, "vidzeme", "Valkas novads", "Валкский край", "Valka Municipality", REFORM, None),
    ("valmieras-novads", NOVADS, "vidzeme", "Valmieras novads", "Валмиерский край", "Valmiera Municipality", REFORM, None),
    # Zemgale.
    ("jelgava", CITY, "zemgale", "Jelgava", "Елгава", "Jelgava", REFORM, None),
    ("aizkraukles-novads", NOVADS, "zemgale", "Aizkraukles novads", "Айзкраукльский край", "Aizkraukle Municipality", REFORM, None),
    ("bauskas-novads", NOVADS, "zemgale", "Bauskas novads", "Бауский край", "Bauska Municipality", REFORM, None),
    ("dobeles-novads", NOVADS, "zemgale", "Dobeles novads", "Добельский край", "Dobele Municipality", REFORM, None),
    ("jelgavas-novads", NOVADS, "zemgale", "Jelgavas novads", "Елгавский край", "Jelgava Municipality", REFORM, None),
    ("jekabpils-novads", NOVADS, "zemgale", "Jēkabpils novads", "Екабпилсский край", "Jēkabpils Municipality", REFORM, None),
]

KURZEME_CODES = [row[0] for row in MUNICIPALITIES if row[2] == "kurzeme"]


def load(region_model: Any, municipality_model: Any) -> None:
    """Create or update the regions and municipalities (idempotent). Takes the model classes so
    the data migration can pass its historical models."""
    regions = {}
    for code, name, name_ru, name_en in PLANNING_REGIONS:
        regions[code], _created = region_model.objects.update_or_create(
            code=code, defaults={"name": name, "name_ru": name_ru, "name_en": name_en}
        )
    for code, kind, region, name, name_ru, name_en, valid_from, valid_to in MUNICIPALITIES:
        municipality_model.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "region": regions[region],
                "name": name,
                "name_ru": name_ru,
                "name_en": name_en,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
