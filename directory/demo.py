"""A synthetic directory for Kurzeme: every need in every one of its 8 municipalities.

Built as HSDS organization_full documents and loaded through the importer, so the demo is also
a check of the import. Deterministic: ids are UUID 5 of stable keys, choices come from the keys,
not from a random generator, so `seed_demo` run twice changes nothing. Names, addresses and
phone numbers are invented; organisations that also use Tilts in the demo carry the same names
and are linked to their Tilts organisation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from accounts.models import Organisation

from . import needs as needs_data
from .models import DirectoryOrganisation
from .services import ImportReport, directory_import

NAMESPACE = uuid.UUID("0f6a1e9e-2b7c-4f55-8d0e-6c3a9b1d2e40")


@dataclass(frozen=True)
class Place:
    code: str  # accounts.Municipality code
    area_name: str  # Municipality.name, as a service area names it
    town: str
    genitive: str  # "Liepājas", "Kuldīgas novada"
    of_town: str  # "Liepājas", "Kuldīgas", "Grobiņas"
    postcode: str
    phone_area: str
    latitude: float
    longitude: float
    streets: tuple[str, ...]
    transport: str
    russian: bool  # many Russian speakers: services work in Russian too


PLACES = [
    Place(
        "liepaja",
        "Liepāja",
        "Liepāja",
        "Liepājas",
        "Liepājas",
        "LV-3401",
        "34",
        56.5047,
        21.0108,
        ("Ūliha iela", "Graudu iela", "Klaipēdas iela", "Rožu iela", "Kuršu iela"),
        "Tramvajs vai 3. autobuss līdz pieturai „Centrs”, tad 5 minūtes kājām.",
        True,
    ),
    Place(
        "ventspils",
        "Ventspils",
        "Ventspils",
        "Ventspils",
        "Ventspils",
        "LV-3601",
        "36",
        57.3894,
        21.5606,
        ("Kuldīgas iela", "Talsu iela", "Lielā iela", "Inženieru iela", "Saules iela"),
        "Pilsētas autobuss Nr. 1 vai 7 līdz pieturai „Tirgus”.",
        True,
    ),
    Place(
        "dienvidkurzemes-novads",
        "Dienvidkurzemes novads",
        "Grobiņa",
        "Dienvidkurzemes novada",
        "Grobiņas",
        "LV-3430",
        "34",
        56.5353,
        21.1653,
        ("Lielā iela", "Ezera iela", "Skolas iela", "Dzirnavu iela", "Parka iela"),
        "Autobuss Liepāja–Grobiņa (ik pusstundu) līdz pieturai „Grobiņa centrs”.",
        True,
    ),
    Place(
        "kuldigas-novads",
        "Kuldīgas novads",
        "Kuldīga",
        "Kuldīgas novada",
        "Kuldīgas",
        "LV-3301",
        "33",
        56.9677,
        21.9681,
        ("Baznīcas iela", "Liepājas iela", "Pilsētas laukums", "Virkas iela", "Ventspils iela"),
        "No autoostas 10 minūtes kājām pa Liepājas ielu.",
        False,
    ),
    Place(
        "saldus-novads",
        "Saldus novads",
        "Saldus",
        "Saldus novada",
        "Saldus",
        "LV-3801",
        "38",
        56.6650,
        22.4881,
        ("Striķu iela", "Brīvības iela", "Lielā iela", "Avotu iela", "Kalnsētas iela"),
        "No autoostas 7 minūtes kājām; no stacijas 15 minūtes.",
        False,
    ),
    Place(
        "talsu-novads",
        "Talsu novads",
        "Talsi",
        "Talsu novada",
        "Talsu",
        "LV-3201",
        "32",
        57.2447,
        22.5890,
        ("Kareivju iela", "Lielā iela", "Dundagas iela", "Ūdens iela", "Rīgas iela"),
        "No autoostas 5 minūtes kājām uz centru.",
        False,
    ),
    Place(
        "tukuma-novads",
        "Tukuma novads",
        "Tukums",
        "Tukuma novada",
        "Tukuma",
        "LV-3101",
        "31",
        56.9669,
        23.1553,
        ("Talsu iela", "Pils iela", "Elizabetes iela", "Lielā iela", "Harmonijas iela"),
        "Vilciens no Rīgas līdz stacijai „Tukums II”, tad 10 minūtes kājām.",
        True,
    ),
    Place(
        "ventspils-novads",
        "Ventspils novads",
        "Piltene",
        "Ventspils novada",
        "Piltenes",
        "LV-3620",
        "36",
        57.2236,
        21.6739,
        ("Ventspils iela", "Rīgas iela", "Pils iela", "Skolas iela", "Lauku iela"),
        "Autobuss Ventspils–Piltene līdz pieturai „Piltene”.",
        False,
    ),
]
CENTRES = {  # regional services: the centre and the municipalities it also serves
    "liepaja": ["liepaja", "dienvidkurzemes-novads"],
    "ventspils": ["ventspils", "ventspils-novads"],
    "kuldigas-novads": ["kuldigas-novads"],
    "saldus-novads": ["saldus-novads"],
    "talsu-novads": ["talsu-novads"],
    "tukuma-novads": ["tukuma-novads"],
}

# Opening-hours patterns: (byday, opens, closes) rows; monthly rows have ordinals.
OFFICE = [("MO,TU,WE,TH", "08:30", "17:00"), ("FR", "08:30", "15:30")]
HOURS = {
    "office": OFFICE,
    "all-day": [("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")],
    "night": [
        ("MO,TU,WE,TH,FR,SA,SU", "19:00", "23:59"),
        ("MO,TU,WE,TH,FR,SA,SU", "00:00", "08:00"),
    ],
    "kitchen": [("MO,TU,WE,TH,FR", "12:00", "14:30")],
    "doctor": [("MO,WE", "08:00", "13:00"), ("TU,TH", "13:00", "18:00"), ("FR", "08:00", "12:00")],
    "clinic": [("MO,TU,WE,TH,FR", "09:00", "16:00")],
    "evening-school": [("MO,TU,WE,TH", "17:00", "21:00")],
    "group": [("TU", "18:00", "19:30"), ("1SA,3SA", "11:00", "13:00")],
    "church": [("SU", "10:00", "12:00"), ("WE", "18:00", "19:30")],
    "sport": [("MO,TU,WE,TH,FR", "15:00", "21:00"), ("SA", "10:00", "16:00")],
    "store": [("TU,TH", "10:00", "16:00")],
    "unknown": [],
}

FREE = ("Bez maksas", None)


@dataclass(frozen=True)
class Offer:
    """One service a provider gives: need, name, hours, cost (amount, per what) or FREE."""

    need: str
    name: str
    description: str
    hours: str
    cost: tuple[str, tuple[float, str] | None] = FREE
    eligibility: str = "Cilvēkiem pēc atbrīvošanas no ieslodzījuma vietas un citiem iedzīvotājiem."
    apply: str = "Ierodieties pieņemšanas laikā vai piezvaniet."


@dataclass(frozen=True)
class Provider:
    key: str
    name: str  # "{genitive}", "{town}" are filled in
    description: str
    legal_status: str
    offers: tuple[Offer, ...]
    where: str = "local"  # local: every municipality; centre: CENTRES; national: one for all
    location_type: str = "physical"


SOCIAL_APPLY = "Pierakstieties pie sociālā darbinieka; līdzi ņemiet personu apliecinošu dokumentu."
PROVIDERS = [
    Provider(
        "social",
        "{genitive} sociālais dienests",
        "Pašvaldības sociālais dienests: sociālā palīdzība, pabalsti un sociālais darbs.",
        "pašvaldības iestāde",
        (
            Offer(
                "benefits",
                "Pabalsti un garantētais minimālais ienākums",
                "Novērtē ienākumus un piešķir pašvaldības pabalstus, arī krīzes situācijas pabalstu.",
                "office",
                apply=SOCIAL_APPLY,
            ),
            Offer(
                "housing-queue",
                "Reģistrācija dzīvokļa rindā",
                "Palīdzība pašvaldības dzīvokļa jautājumu risināšanā; personām pēc ieslodzījuma — "
                "pirmās kārtas rinda, ja deklarētā dzīvesvieta pirms tam bija pašvaldībā.",
                "office",
                apply=SOCIAL_APPLY,
            ),
            Offer(
                "housing-support",
                "Mājokļa pabalsts",
                "Palīdzība īres un komunālo maksājumu segšanai.",
                "office",
                apply=SOCIAL_APPLY,
            ),
            Offer(
                "debt-advice",
                "Konsultācijas par parādiem",
                "Sociālais darbinieks palīdz sastādīt parādu atmaksas plānu un sazināties ar tiesu izpildītāju.",
                "office",
            ),
            Offer(
                "social-skills",
                "Sociālo prasmju nodarbības",
                "Grupu nodarbības: budžeta plānošana, saskarsme, darba intervija.",
                "office",
            ),
            Offer(
                "transport-tickets",
                "Transporta biļetes",
                "Vienreizējas autobusa biļetes braucienam uz dzīvesvietu, pie ārsta vai uz darba interviju.",
                "office",
                apply=SOCIAL_APPLY,
            ),
            Offer(
                "food-packages",
                "Pārtikas pakas",
                "Pārtikas un higiēnas preču komplekti trūcīgām personām (Eiropas Atbalsta fonds).",
                "store",
                apply="Ar sociālā dienesta izziņu par trūcīgas personas statusu.",
            ),
            Offer(
                "clothing",
                "Apģērbu punkts",
                "Lietots, tīrs sezonai atbilstošs apģērbs un apavi.",
                "store",
            ),
        ),
    ),
    Provider(
        "shelter",
        "{of_town} patversme",
        "Pašvaldības sociālās aprūpes iestāde: patversme un naktspatversme.",
        "pašvaldības iestāde",
        (
            Offer(
                "shelter",
                "Patversme",
                "Īslaicīga dzīvesvieta līdz 3 mēnešiem ar sociālā darbinieka atbalstu.",
                "all-day",
                apply="Ar sociālā dienesta nosūtījumu; ārpus darba laika — ierodoties.",
            ),
            Offer(
                "night-shelter",
                "Naktspatversme",
                "Nakts uzturēšanās, vakariņas un brokastis.",
                "night",
                apply="Ierodieties no plkst. 19:00; dzērumā neuzņem.",
            ),
            Offer(
                "hygiene", "Duša un higiēnas preces", "Duša, dvielis, ziepes, skuveklis.", "all-day"
            ),
            Offer(
                "laundry",
                "Veļas mazgāšana",
                "Veļas mazgāšana un žāvēšana patversmē.",
                "all-day",
                cost=("Par vienu mazgāšanas reizi", (1.5, "par mazgāšanas reizi")),
            ),
        ),
    ),
    Provider(
        "kitchen",
        "Biedrība „Siltā virtuve”, {town}",
        "Brīvprātīgo biedrība: zupas virtuve un apģērba palīdzība.",
        "biedrība",
        (
            Offer(
                "warm-meals",
                "Zupas virtuve",
                "Silta zupa un maize darba dienās.",
                "kitchen",
                apply="Ierodieties; pirmajā reizē pierakstīsim vārdu.",
            ),
        ),
    ),
    Provider(
        "nva",
        "Nodarbinātības valsts aģentūra, {of_town} filiāle",
        "Valsts aģentūra: bezdarbnieka statuss, vakances, apmācība.",
        "valsts iestāde",
        (
            Offer(
                "employment-agency",
                "Bezdarbnieka statuss un darba meklēšana",
                "Reģistrācija, karjeras konsultants, vakances, algoti pagaidu sabiedriskie darbi.",
                "office",
                apply="Piesakieties klātienē vai portālā; līdzi personu apliecinošs dokuments.",
            ),
            Offer(
                "vocational-training",
                "Profesionālā apmācība bezdarbniekiem",
                "Kursi un profesionālā apmācība ar stipendiju (metinātājs, pavārs, autovadītājs u. c.).",
                "office",
                apply="Pēc reģistrācijas bezdarbnieka statusā, ar karjeras konsultanta ieteikumu.",
            ),
        ),
        where="centre",
    ),
    Provider(
        "school",
        "{of_town} vakara vidusskola",
        "Izglītība pieaugušajiem: pamatskola un vidusskola vakaros vai neklātienē.",
        "pašvaldības iestāde",
        (
            Offer(
                "general-education",
                "Pamatizglītība un vidējā izglītība pieaugušajiem",
                "Mācības vakara vai neklātienes grupās, arī turpinot ieslodzījuma vietā iesākto.",
                "evening-school",
                apply="Iesniegums un iepriekšējās izglītības dokuments.",
            ),
        ),
    ),
    Provider(
        "doctor",
        "{of_town} ģimenes ārstu prakse",
        "Ģimenes ārstu prakse ar valsts apmaksātiem pakalpojumiem.",
        "SIA",
        (
            Offer(
                "family-doctor",
                "Reģistrācija pie ģimenes ārsta",
                "Pieņem jaunus pacientus; palīdz ar receptēm un nosūtījumiem.",
                "doctor",
                cost=("Pacienta iemaksa", (2.0, "par vizīti")),
                apply="Piezvaniet, lai pierakstītos; līdzi personu apliecinošs dokuments.",
            ),
            Offer(
                "chronic-illness",
                "Hronisku slimību aprūpe",
                "Tuberkulozes, HIV, hepatīta un diabēta pacientu novērošana un nosūtīšana.",
                "doctor",
                cost=("Pacienta iemaksa", (2.0, "par vizīti")),
            ),
        ),
    ),
    Provider(
        "narcology",
        "{of_town} narkoloģiskās palīdzības kabinets",
        "Ambulatorā narkoloģiskā palīdzība un Minesotas programma.",
        "SIA",
        (
            Offer(
                "addiction-treatment",
                "Atkarību ārstēšana",
                "Narkologa konsultācijas, detoksikācijas nosūtījumi, metadona un buprenorfīna programma.",
                "clinic",
                apply="Var ierasties bez ģimenes ārsta nosūtījuma.",
            ),
        ),
        where="centre",
    ),
    Provider(
        "psych",
        "Krīzes un konsultāciju centrs „Atbalsts”, {town}",
        "Psihologi un sociālie darbinieki krīzes situācijās.",
        "biedrība",
        (
            Offer(
                "psychological-help",
                "Psihologa konsultācijas",
                "Individuālas konsultācijas; pirmās 5 bez maksas ar sociālā dienesta nosūtījumu.",
                "office",
                cost=("Bez nosūtījuma", (25.0, "par konsultāciju")),
            ),
            Offer(
                "support-groups",
                "Atbalsta grupas (AA, NA)",
                "Anonīmo alkoholiķu un narkomānu grupas, grupa tuviniekiem.",
                "group",
            ),
        ),
    ),
    Provider(
        "probation",
        "Valsts probācijas dienests, {of_town} struktūrvienība",
        "Probācijas programmas personām ar probācijas uzraudzību.",
        "valsts iestāde",
        (
            Offer(
                "behaviour-correction",
                "Uzvedības korekcijas programmas",
                "Agresijas mazināšanas un domāšanas prasmju programmas grupās un individuāli.",
                "office",
                eligibility="Probācijas klientiem pēc probācijas virsnieka norīkojuma.",
                apply="Pēc probācijas virsnieka norīkojuma.",
            ),
        ),
        where="centre",
    ),
    Provider(
        "pmlp",
        "Pilsonības un migrācijas lietu pārvalde, {of_town} nodaļa",
        "Personu apliecinošu dokumentu izsniegšana.",
        "valsts iestāde",
        (
            Offer(
                "identity-documents",
                "Pase un personas apliecība",
                "Personu apliecinoša dokumenta noformēšana; trūcīgām personām valsts nodeva ir atlaista.",
                "office",
                cost=("Trūcīgām personām", (0.0, "valsts nodeva")),
                apply="Piesakieties rindā; līdzi fotogrāfija nav vajadzīga.",
            ),
        ),
        where="centre",
    ),
    Provider(
        "church",
        "{of_town} kristīgā draudze „Cerība”",
        "Draudze: garīgā aprūpe, sarunas, atbalsts pēc atbrīvošanas.",
        "reliģiska organizācija",
        (
            Offer(
                "religious-support",
                "Garīgā aprūpe un sarunas",
                "Dievkalpojumi, sarunas ar mācītāju, kapelāna atbalsts pēc atbrīvošanas.",
                "church",
            ),
        ),
    ),
    Provider(
        "sport",
        "{of_town} sporta un brīvā laika centrs",
        "Pašvaldības sporta centrs ar nodarbībām pieaugušajiem.",
        "pašvaldības iestāde",
        (
            Offer(
                "leisure-sport",
                "Sporta zāle un brīvā laika nodarbības",
                "Trenažieru zāle, volejbols, galda teniss, brīvprātīgā darba iespējas.",
                "sport",
                cost=("Vienreizējs apmeklējums", (3.0, "par apmeklējumu")),
            ),
        ),
    ),
    Provider(
        "legal-aid",
        "Juridiskās palīdzības administrācija",
        "Valsts nodrošinātā juridiskā palīdzība (Kurzemes klientiem attālināti).",
        "valsts iestāde",
        (
            Offer(
                "legal-aid",
                "Valsts nodrošinātā juridiskā palīdzība",
                "Juridiskā palīdzība civillietās trūcīgām un maznodrošinātām personām.",
                "unknown",
                apply="Iesniegums kopā ar trūcīgas personas izziņu.",
            ),
        ),
        where="national",
        location_type="virtual",
    ),
    Provider(
        "hotline",
        "Biedrība „Uzticības līnija”",
        "Anonīms, bezmaksas emocionālais atbalsts pa tālruni visu diennakti.",
        "biedrība",
        (
            Offer(
                "trust-hotline",
                "Uzticības tālrunis",
                "Anonīma saruna krīzē, arī krieviski.",
                "all-day",
                apply="Zvaniet jebkurā laikā.",
            ),
        ),
        where="national",
        location_type="virtual",
    ),
]


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def _number(key: str, area: str) -> str:
    digits = int(uuid.uuid5(NAMESPACE, f"phone:{key}").hex[:8], 16) % 100000
    return f"+371 6{area}{digits // 1000:02d} {digits % 1000:03d}"[:17]


def _schedules(key: str, pattern: str) -> list[dict[str, Any]]:
    rows = []
    for index, (byday, opens, closes) in enumerate(HOURS[pattern]):
        monthly = any(ch.isdigit() for ch in byday)
        rows.append(
            {
                "id": _id("schedule", key, str(index)),
                "freq": "MONTHLY" if monthly else "WEEKLY",
                "interval": 1,
                "wkst": "MO",
                "byday": byday,
                "opens_at": opens,
                "closes_at": closes,
            }
        )
    return rows


def _cost(key: str, cost: tuple[str, tuple[float, str] | None]) -> list[dict[str, Any]]:
    option, priced = cost
    amount, per = priced if priced is not None else (0.0, "")
    row = {"id": _id("cost", key), "option": option, "currency": "EUR", "amount": amount}
    if per:
        row["amount_description"] = per
    return [row]


def _languages(key: str, russian: bool, english: bool) -> list[dict[str, Any]]:
    rows = [{"id": _id("language", key, "lv"), "code": "lv", "name": "latviešu"}]
    if russian:
        rows.append({"id": _id("language", key, "ru"), "code": "ru", "name": "krievu"})
    if english:
        rows.append({"id": _id("language", key, "en"), "code": "en", "name": "angļu"})
    return rows


def _provider_document(
    provider: Provider, place: Place | None, areas: list[Place]
) -> dict[str, Any]:
    where = place or PLACES[0]
    key = f"{provider.key}:{place.code if place else 'national'}"
    name = provider.name.format(genitive=where.genitive, town=where.town, of_town=where.of_town)
    org_id = _id("organisation", key)
    location_id = _id("location", key)
    street = where.streets[sum(map(ord, provider.key)) % len(where.streets)]
    house = 1 + sum(map(ord, key)) % 60
    shift = (sum(map(ord, provider.key)) % 40 - 20) / 4000
    english = provider.where == "national" or provider.key in ("nva", "psych")
    russian = (
        where.russian or provider.where == "national" or provider.key in ("narcology", "psych")
    )
    location: dict[str, Any] = {
        "id": location_id,
        "location_type": provider.location_type,
        "organization_id": org_id,
        "name": name if provider.location_type == "virtual" else f"{name}, {street} {house}",
    }
    if provider.location_type == "physical":
        location.update(
            {
                "transportation": where.transport,
                "latitude": round(where.latitude + shift, 6),
                "longitude": round(where.longitude - shift, 6),
                "addresses": [
                    {
                        "id": _id("address", key),
                        "address_1": f"{street} {house}",
                        "city": where.town,
                        "state_province": where.area_name,
                        "postal_code": where.postcode,
                        "country": "LV",
                        "address_type": "physical",
                    }
                ],
            }
        )
    services = []
    for offer in provider.offers:
        service_key = f"{key}:{offer.need}"
        phone_number = _number(service_key, where.phone_area)
        services.append(
            {
                "id": _id("service", service_key),
                "name": offer.name,
                "status": "active",
                "description": offer.description,
                "eligibility_description": offer.eligibility,
                "application_process": offer.apply,
                "minimum_age": 18,
                "fees_description": "Bez maksas."
                if offer.cost[1] is None or not offer.cost[1][0]
                else f"{offer.cost[1][0]:.2f} EUR {offer.cost[1][1]}.",
                "phones": [
                    {"id": _id("phone", service_key), "number": phone_number, "type": "voice"}
                ],
                "languages": _languages(service_key, russian, english),
                "service_areas": [
                    {"id": _id("area", service_key, area.code), "name": area.area_name}
                    for area in areas
                ],
                "cost_options": _cost(service_key, offer.cost),
                "attributes": [
                    {
                        "id": _id("attribute", service_key),
                        "link_type": "need",
                        "link_entity": "service",
                        "taxonomy_term_id": str(needs_data.need_id(offer.need)),
                    }
                ],
                "service_at_locations": [
                    {
                        "id": _id("sal", service_key),
                        "location_id": location_id,
                        "schedules": _schedules(service_key, offer.hours),
                    }
                ],
            }
        )
    return {
        "id": org_id,
        "name": name,
        "description": provider.description,
        "legal_status": provider.legal_status,
        "locations": [location],
        "services": services,
    }


def documents() -> list[dict[str, Any]]:
    by_code = {place.code: place for place in PLACES}
    docs = []
    for provider in PROVIDERS:
        if provider.where == "national":
            docs.append(_provider_document(provider, None, PLACES))
        elif provider.where == "centre":
            for centre, served in CENTRES.items():
                docs.append(
                    _provider_document(provider, by_code[centre], [by_code[c] for c in served])
                )
        else:
            for place in PLACES:
                docs.append(_provider_document(provider, place, [place]))
    return docs


def seed() -> ImportReport:
    report = directory_import(actor=None, data=documents())
    tilts = {org.name: org for org in Organisation.objects.all()}
    for entry in DirectoryOrganisation.objects.filter(name__in=list(tilts)):
        if entry.uses_tilts_as_id != tilts[entry.name].pk:
            entry.uses_tilts_as = tilts[entry.name]
            entry.save(update_fields=["uses_tilts_as"])
    return report
