"""Fixtures shared by every app's tests: two organisations with users in each role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from accounts.data import municipalities
from accounts.models import Municipality, Organisation, PlanningRegion, Role, User
from accounts.tests.factories import OrganisationFactory, member


@dataclass
class OrganisationWithStaff:
    organisation: Organisation
    social_worker: User
    supervisor: User
    admin: User


def _staffed(name: str, municipality_code: str) -> OrganisationWithStaff:
    organisation = OrganisationFactory.create(
        name=name, municipality=Municipality.objects.get(code=municipality_code)
    )
    return OrganisationWithStaff(
        organisation=organisation,
        social_worker=member(organisation, Role.SOCIAL_WORKER),
        supervisor=member(organisation, Role.SUPERVISOR),
        admin=member(organisation, Role.ORGANISATION_ADMIN),
    )


def _force_login_with_second_factor(self: Client, user: User, backend: str | None = None) -> None:
    """A test client's `force_login` stands for a whole sign-in, password and authenticator
    code: it records the second-factor step in the session as allauth's second step does
    (a session without it is signed out; accounts.middleware, issue 28 finding 0). Tests of
    the sign-in itself post the real forms instead."""
    from accounts.middleware import record_second_factor

    _django_force_login(self, user, backend)
    record_second_factor(self.session, user)


_django_force_login = Client._login  # type: ignore[attr-defined]
Client._login = _force_login_with_second_factor  # type: ignore[attr-defined]


def client_for(user: User, language: str = "lv") -> Client:
    """A test client signed in as `user`, with the interface language chosen (Latvian first)."""
    client = Client()
    client.force_login(user)
    client.cookies["tilts_language"] = language
    return client


@pytest.fixture(autouse=True)
def reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests (browser tests) flush the database, migrations' data included;
    put the municipalities back before each test that uses the database."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        if not Municipality.objects.exists():
            municipalities.load(PlanningRegion, Municipality)
        from directory import holidays, needs
        from directory.models import Need, PublicHoliday, Taxonomy

        if not Need.objects.exists():
            needs.load(Taxonomy, Need)
            holidays.load(PublicHoliday)


@pytest.fixture
def org_a(db: None) -> OrganisationWithStaff:
    return _staffed("Saldus novada sociālais dienests (tests)", "saldus-novads")


@pytest.fixture
def org_b(db: None) -> OrganisationWithStaff:
    return _staffed("Liepājas sociālais dienests (tests)", "liepaja")


@pytest.fixture
def system_admin(db: None) -> User:
    organisation = OrganisationFactory.create(
        name="Tilts administrācija (tests)", kind=Organisation.Kind.OTHER
    )
    return member(organisation, Role.SYSTEM_ADMIN)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache: allauth remembers used authenticator codes per
    user id there, rendered case pages are kept there (core/fragments.py), and ids repeat after
    a transactional test flushes the database or a test's transaction is rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language() -> None:
    """Each test starts in the default interface language (Latvian): a request served in an
    earlier test leaves its language active in the thread, so otherwise a test's translated
    messages depended on which test ran before it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


# --- Issue 6: no personal data in logs -------------------------------------------------------
# Every log record of the whole run is kept; at the end the run fails if any of them names a
# test or demo person or carries a personal code.
import logging  # noqa: E402
import re  # noqa: E402

PERSONAL_DATA = re.compile(
    r"Bērziņš|Berzins|Jānis Bērziņš|Slepenais|Olegs|Kalniņš|Ozoliņš|\b\d{6}-\d{5}\b"
)


class _RecordEverything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        if PERSONAL_DATA.search(text):
            self.leaks.append(f"{record.name}: {text[:300]}")


_LOG_SCANNER = _RecordEverything()


def pytest_sessionstart(session: pytest.Session) -> None:
    logging.getLogger().addHandler(_LOG_SCANNER)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    logging.getLogger().removeHandler(_LOG_SCANNER)
    if _LOG_SCANNER.leaks:
        report = "\n".join(_LOG_SCANNER.leaks[:20])
        session.config.get_terminal_writer().line(f"\nPersonal data found in log output:\n{report}")
        session.exitstatus = 1
