"""Synthetic demo organisations and users in Kurzeme. Every name here is invented."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt, encrypt
from django.contrib.auth.hashers import make_password

from .models import Membership, Municipality, Organisation, Role, User

DEMO_PASSWORD = "Tilts-demo-2026"  # noqa: S105 — development-only, printed for the demo.
# Authenticator-app secret of every demo user, printed by seed_demo: add it to any
# authenticator app, or type 000000 in local development (MFA_TOTP_INSECURE_BYPASS_CODE).
# Base32 of 20 bytes (160 bits, RFC 4226's recommended length): 32 characters, no padding
# needed (issue 28, finding 10: the earlier 28 characters were not valid base32).
DEMO_TOTP_SECRET = "KRUWY5DTFVSGK3LPFUZDAMRWFVKE6VCQ"  # noqa: S105 — base32 of b"Tilts-demo-2026-TOTP"
DEMO_EMAIL_DOMAIN = "demo.tilts.example"

K = Organisation.Kind

# (key, name, kind, municipality code)
ORGANISATIONS: list[tuple[str, str, str, str]] = [
    (
        "vpd-liepaja",
        "Valsts probācijas dienests, Liepājas struktūrvienība",
        K.PROBATION_UNIT,
        "liepaja",
    ),
    (
        "vpd-saldus",
        "Valsts probācijas dienests, Saldus struktūrvienība",
        K.PROBATION_UNIT,
        "saldus-novads",
    ),
    ("sd-liepaja", "Liepājas sociālais dienests", K.MUNICIPAL_SOCIAL_SERVICE, "liepaja"),
    ("sd-ventspils", "Ventspils sociālais dienests", K.MUNICIPAL_SOCIAL_SERVICE, "ventspils"),
    (
        "sd-dienvidkurzeme",
        "Dienvidkurzemes novada sociālais dienests",
        K.MUNICIPAL_SOCIAL_SERVICE,
        "dienvidkurzemes-novads",
    ),
    (
        "sd-kuldiga",
        "Kuldīgas novada sociālais dienests",
        K.MUNICIPAL_SOCIAL_SERVICE,
        "kuldigas-novads",
    ),
    ("sd-saldus", "Saldus novada sociālais dienests", K.MUNICIPAL_SOCIAL_SERVICE, "saldus-novads"),
    ("sd-talsi", "Talsu novada sociālais dienests", K.MUNICIPAL_SOCIAL_SERVICE, "talsu-novads"),
    ("sd-tukums", "Tukuma novada sociālais dienests", K.MUNICIPAL_SOCIAL_SERVICE, "tukuma-novads"),
    (
        "sd-ventspils-novads",
        "Ventspils novada sociālais dienests",
        K.MUNICIPAL_SOCIAL_SERVICE,
        "ventspils-novads",
    ),
    ("ngo-jaunais-cels", "Biedrība „Jaunais ceļš”", K.NGO, "liepaja"),
    ("church-ceriba", "Draudze „Cerība”", K.RELIGIOUS_ORGANISATION, "kuldigas-novads"),
    (
        "nva-liepaja",
        "Nodarbinātības valsts aģentūra, Liepājas filiāle",
        K.EMPLOYMENT_AGENCY_BRANCH,
        "liepaja",
    ),
    ("health-saldus", "Saldus ģimenes ārstu prakse „Veselība”", K.HEALTH_PROVIDER, "saldus-novads"),
    ("employer-buvnieks", "SIA „Kurzemes būvnieks”", K.EMPLOYER, "saldus-novads"),
    ("tilts-admin", "Tilts sistēmas administrācija", K.OTHER, "riga"),
]


@dataclass(frozen=True)
class DemoUser:
    login: str
    first_name: str
    last_name: str
    organisation: str
    role: str
    language: str = "lv"


USERS: list[DemoUser] = [
    DemoUser("inga.socdarbiniece", "Inga", "Kalniņa", "sd-saldus", Role.SOCIAL_WORKER),
    DemoUser("olga.socrabotnik", "Ольга", "Петрова", "sd-liepaja", Role.SOCIAL_WORKER, "ru"),
    DemoUser("dace.socdarbiniece", "Dace", "Ozola", "sd-kuldiga", Role.SOCIAL_WORKER),
    DemoUser("liga.socdarbiniece", "Līga", "Šmite", "sd-ventspils", Role.SOCIAL_WORKER),
    DemoUser("anita.socdarbiniece", "Anita", "Vītola", "sd-talsi", Role.SOCIAL_WORKER),
    DemoUser("zane.socdarbiniece", "Zane", "Eglīte", "sd-tukums", Role.SOCIAL_WORKER),
    DemoUser("ilze.socdarbiniece", "Ilze", "Krūmiņa", "sd-dienvidkurzeme", Role.SOCIAL_WORKER),
    DemoUser("aija.socdarbiniece", "Aija", "Zeltiņa", "sd-ventspils-novads", Role.SOCIAL_WORKER),
    DemoUser("maris.probacija", "Māris", "Bērziņš", "vpd-saldus", Role.PROBATION_OFFICER),
    DemoUser("sergejs.probacija", "Сергей", "Иванов", "vpd-liepaja", Role.PROBATION_OFFICER, "ru"),
    DemoUser("juris.biedriba", "Juris", "Liepiņš", "ngo-jaunais-cels", Role.NGO_WORKER),
    DemoUser("peteris.draudze", "Pēteris", "Ābols", "church-ceriba", Role.NGO_WORKER),
    DemoUser("ruta.vaditaja", "Rūta", "Kļaviņa", "sd-saldus", Role.SUPERVISOR),
    DemoUser("gunta.vaditaja", "Gunta", "Celmiņa", "vpd-saldus", Role.SUPERVISOR),
    DemoUser("edgars.admin", "Edgars", "Grīnbergs", "sd-saldus", Role.ORGANISATION_ADMIN),
    DemoUser("system.admin", "Sistēma", "Administrators", "tilts-admin", Role.SYSTEM_ADMIN, "en"),
]


def email_of(login: str) -> str:
    return f"{login}@{DEMO_EMAIL_DOMAIN}"


def seed() -> list[tuple[str, str, str]]:
    """Create (or refresh) the demo organisations and users. Returns (e-mail, role, organisation)."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    organisations: dict[str, Organisation] = {}
    for key, name, kind, municipality in ORGANISATIONS:
        organisations[key], _created = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "municipality": municipalities[municipality]}
        )
    password = make_password(DEMO_PASSWORD)
    logins = []
    for demo in USERS:
        user, _created = User.objects.update_or_create(
            email=email_of(demo.login),
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "preferred_language": demo.language,
                "password": password,
                "is_active": True,
            },
        )
        organisation = organisations[demo.organisation]
        Membership.objects.update_or_create(
            user=user, organisation=organisation, role=demo.role, defaults={"is_active": True}
        )
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None:
            TOTP.activate(user, DEMO_TOTP_SECRET)
        elif decrypt(totp.data.get("secret", "")) != DEMO_TOTP_SECRET:
            # Refresh a demo database seeded with an earlier (malformed) secret.
            totp.data = {**totp.data, "secret": encrypt(DEMO_TOTP_SECRET)}
            totp.save(update_fields=["data"])
        logins.append((user.email, str(Role(demo.role).label), organisation.name))
    return logins
