"""Issue 28: bad-input fuzz of every form a case worker can post (hypothesis, bounded).

Every POST route of the security sweep's ROUTES (tests/security/test_route_sweep.py, which
fails for a route without a rule) is fuzzed as the case's own worker: the form's fields are
discovered from the pages (every <form method="post"> whose action is the route), and
generated bad values — huge strings, lone surrogates (sent in UTF-7, which Django decodes),
invalid UTF-8, NUL, dates at and past the calendar's ends, negative and huge numbers, values
of the wrong type, repeated keys — are posted. No answer may be a 5xx (the test client also
raises any exception a view lets through), and the case page must answer 200 afterwards.

A POST route whose fields no page shows must be listed in WITHOUT_FIELDS (an action with no
input), so a new form is fuzzed as soon as it exists.
"""

from __future__ import annotations

import time
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from conftest import OrganisationWithStaff, client_for
from referrals.models import HelpKind
from referrals.services import help_in_kind_record
from tests.security.raw_posts import post_in_charset
from tests.security.test_route_sweep import ROUTES, Rule, Theirs, theirs

__all__ = ["theirs"]  # the sweep's fixture: the other organisation's rich case, here our own

pytestmark = pytest.mark.django_db

# allauth's sign-in, password and second-factor forms are another area (issue 28, findings 0,
# 2, 3); posting there would sign the worker out or change the password mid-test.
NOT_HERE = ("account_", "mfa_")

# POST routes that take no input: removing, withdrawing, signing off … (their buttons post a
# bare form). Bad values are posted to them all the same.
WITHOUT_FIELDS = {
    "accounts:invitation_revoke",
    "cases:income_remove",
    "cases:team_remove",
    "consent:consent_withdraw",
    "conferences:sign_off",
    "diagrams:connection_remove",
    "diagrams:person_remove",
    "diagrams:relation_remove",
    "diagrams:member_remove",
    "diagrams:family_member_remove",
    "diagrams:family_subsystem_remove",
    "diagrams:family_relation_remove",
    "employment:qualification_remove",
    "employment:experience_remove",
    "plans:agree",
    "plans:revise",
    "plans:agreement_new",
}

# POST routes a case's own social worker may not use (organisation administration, the
# supervisor's anonymisation, break-glass access for someone outside the team): they answer
# 403 or 404 to the worker, who is shown no form; bad values are posted to them all the same.
NOT_FOR_A_WORKER = {
    "accounts:invitation_create",
    "accounts:membership_set_active",
    "cases:cadence_edit",
    "cases:case_access",
    "consent:legal_basis_record",  # a supervisor's (consent.manage_legal_basis)
    "consent:legal_basis_withdraw",
    "privacy:anonymise",
}
# Forms a page shows only in some states (the matches page offers a step only for a gap).
FIELDS_GIVEN = {"employment:match_step_add": {"kind", "service"}}

# Forms posted with bad values only: with the page's values filled in they would hand the
# case to someone else or close it, and the case page afterwards would rightly be refused.
KEEP_AS_IS = {"cases:lead_change", "cases:status_change", "privacy:anonymise"}

EXAMPLES_PER_FORM = 3

SAMPLES = [
    "9999-12-31", "0001-01-01", "9999-12-31T23:59", "0001-01-01T00:00", "10000-01-01",
    "2026-02-30", "31.12.9999", "-1", "-99999999999", "99999999999999999999999", "1e308",
    "NaN", "Infinity", "-0", "0x1F", "１２３", "٣٤", "[]", "{}", "null", "true", "' OR 1=1 --",
    "<script>alert(1)</script>", "../../etc/passwd", "%00", "{{ 7|add:7 }}", "\r\nX-Header: 1",
    "a\x00b", "\ud800", "x\udfffy", "\ufffe", "\U0010ffff", "",
]  # fmt: skip
any_character = st.characters(exclude_categories=())  # lone surrogates included
value = st.one_of(
    st.sampled_from(SAMPLES),
    st.sampled_from([30_000, 120_000]).map(lambda n: "Ā" * n),
    st.text(any_character, max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
values = st.one_of(value.map(lambda v: [v]), st.lists(value, min_size=2, max_size=3))


Fields = dict[str, "Field"]


class Field:
    """A form field as the page shows it: its kind and a valid-looking value to start from."""

    def __init__(self, kind: str, value: str) -> None:
        self.kind, self.value = kind, value


def _starting_value(kind: str, value: str) -> str:
    """The page's value, or one a careful user would type (so one bad field is the only one)."""
    if value:
        return value
    today = timezone.localdate()
    return {
        "date": today.isoformat(),
        "datetime-local": f"{today + timedelta(days=2):%Y-%m-%d}T10:00",
        "number": "1",
        "email": "fuzz@example.lv",
        "url": "https://example.lv/",
    }.get(kind, "Tests")


class _Forms(HTMLParser):
    """The fields of each <form method="post">, by the path the form posts to."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.found: dict[str, Fields] = {}
        self.form: Fields | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        name = attributes.get("name", "")
        if tag == "form" and attributes.get("method", "").lower() == "post":
            path = urlsplit(attributes.get("action") or self.page_path).path
            self.form = self.found.setdefault(path, {})
        elif self.form is None or name == "csrfmiddlewaretoken":
            return
        elif tag == "input" and name and name not in self.form:
            kind = attributes.get("type", "text").lower()
            if kind not in ("file", "submit"):
                self.form[name] = Field(kind, _starting_value(kind, attributes.get("value", "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and attributes.get("value"):
            self.form.setdefault(self.select, Field("select", attributes["value"]))
        elif tag == "textarea" and name:
            self.textarea = name
            self.form.setdefault(name, Field("textarea", "Tests"))

    def handle_data(self, data: str) -> None:
        if self.form is not None and self.textarea and data.strip():
            self.form[self.textarea] = Field("textarea", data.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def _own_objects(target: Theirs, worker: User) -> dict[str, dict[str, int]]:
    """The diagram rows and help in kind the sweep names by a placeholder id, made for real
    so that their forms are shown and fuzzed: arguments by route."""
    from diagrams import models as d

    case = target.case
    today = timezone.localdate()
    snapshot = d.EcomapSnapshot.objects.create(case=case, drawn_on=today, created_by=worker)
    connection = d.EcomapConnection.objects.create(snapshot=snapshot, kind="work")
    person = d.GenogramPerson.objects.create(case=case, name="Māte", sex="female")
    member = d.NetworkMember.objects.create(
        case=case, name="Māsa", area="family", concrete_support=1, emotional_support=1,
        information_support=1, criticism=1, direction=1, closeness=1, frequency=1,
        years_known=3,
    )  # fmt: skip
    family_map = d.FamilyMap.objects.create(case=case, drawn_on=today, created_by=worker)
    family_member = d.FamilyMember.objects.create(family_map=family_map, label="māte")
    item = help_in_kind_record(
        actor=worker, case=case, kind=HelpKind.values[0], given_on=today, quantity=1,
        provider_name="Sarkanais Krusts",
    )  # fmt: skip
    on_case = {"case_id": case.pk}
    on_map = on_case | {"map_id": family_map.pk}
    return {
        "diagrams:ecomap": on_case | {"snapshot_id": snapshot.pk},
        "diagrams:connection_edit": on_case | {"connection_id": connection.pk},
        "diagrams:connection_remove": on_case | {"connection_id": connection.pk},
        "diagrams:person_edit": on_case | {"person_id": person.pk},
        "diagrams:member_edit": on_case | {"member_id": member.pk},
        "diagrams:family_map": on_map,
        "diagrams:family_member_add": on_map,
        "diagrams:family_subsystem_add": on_map,
        "diagrams:family_relation_add": on_map,
        "diagrams:family_member_remove": on_map | {"member_id": family_member.pk},
        "referrals:help_in_kind_cancel": on_case | {"item_id": item.pk},
    }


def _url(name: str, rule: Rule, target: Theirs, own: dict[str, dict[str, int]]) -> str | None:
    try:
        if name in own:
            return reverse(name, kwargs=own[name])
        return reverse(name, kwargs=rule.args(target)) if rule.args else reverse(name)
    except NoReverseMatch:
        return None


def _form_routes() -> dict[str, Rule]:
    return {
        name: rule
        for name, rule in ROUTES.items()
        if rule.post and not rule.public and not name.startswith(NOT_HERE)
    }


def _discover(
    web: Client, target: Theirs, own: dict[str, dict[str, int]]
) -> tuple[dict[str, str], dict[str, Fields]]:
    """Each form route's URL, and the fields the pages that post to it show."""
    urls: dict[str, str] = {}
    pages: list[str] = []
    for name, rule in ROUTES.items():
        if rule.public or rule.api or name.startswith(NOT_HERE) or name.endswith("_pdf"):
            continue
        url = _url(name, rule, target, own)
        if url is None:
            continue
        if name in _form_routes():
            urls[name] = url
        pages.append(url)
    fields: dict[str, Fields] = {}
    for page in pages:
        response = web.get(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms(page)
        parser.feed(response.content.decode())
        for path, found in parser.found.items():
            fields.setdefault(path, {}).update(
                {k: v for k, v in found.items() if k not in fields.get(path, {})}
            )
    return urls, {
        name: fields.get(url, {})
        | {n: Field("text", "Tests") for n in FIELDS_GIVEN.get(name, set())}
        for name, url in urls.items()
    }


def _post(web: Client, url: str, data: dict[str, list[str]], how: str) -> Any:
    if how == "form":  # the test client's own urlencoded UTF-8 (no surrogates there)
        plain = {
            k: [v.encode("utf-8", "replace").decode("utf-8") for v in vs] for k, vs in data.items()
        }
        return web.post(url, plain)
    return post_in_charset(web, url, data, charset=how)


EXTREMES = {
    "date": ["9999-12-31", "0001-01-01", "1899-12-31"],
    "datetime-local": ["9999-12-31T10:00", "0001-01-01T00:00", "9999-12-31T23:59"],
    "text": ["\ud800", "a\x00b", "Ā" * 30_000],
    "textarea": ["x\udfffy", "a\x00b", "Ā" * 120_000],
    "number": ["-1", "99999999999999999999", "1e308"],
}


def _fuzzer(web: Client, name: str, url: str, fields: Fields, answers: dict[str, set[int]]) -> Any:
    """Posts to one form: first each field at its kind's extremes with the others as a careful
    user fills them, then generated bad values in one to three fields."""
    start = {field_name: [field.value] for field_name, field in fields.items()}
    if name in KEEP_AS_IS:
        start = {}
    names = sorted(fields) or ["text", "date"]

    def check(data: dict[str, list[str]], how: str) -> None:
        response = _post(web, url, data, how)
        answers.setdefault(name, set()).add(response.status_code)
        assert response.status_code < 500, (name, data)
        if name in NOT_FOR_A_WORKER:
            assert response.status_code in (403, 404), name

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        bad=st.dictionaries(st.sampled_from(names), values, min_size=1, max_size=3),
        how=st.sampled_from(["utf-7", "utf-8", "form"]),
    )
    def fuzz(bad: dict[str, list[str]], how: str) -> None:
        check(start | bad, how)

    def run() -> None:
        for field_name, field in fields.items():
            for extreme in EXTREMES.get(field.kind, []):
                check(start | {field_name: [extreme]}, "utf-7")
        fuzz()

    return run


def test_every_form_survives_bad_input(org_b: OrganisationWithStaff, theirs: Theirs) -> None:
    """Issue 28 (findings 1 and 14, the probe's bad-input sweep as a test): no 5xx, no broken
    case page afterwards, for every form route."""
    started = time.monotonic()
    web = client_for(org_b.social_worker, "lv")
    case_page = reverse("cases:detail", args=[theirs.case.pk])
    urls, fields = _discover(web, theirs, _own_objects(theirs, org_b.social_worker))
    undiscovered = sorted(
        name for name in urls if not fields[name] and name not in WITHOUT_FIELDS | NOT_FOR_A_WORKER
    )
    assert not undiscovered, (
        f"POST routes whose form fields no page shows (add them to WITHOUT_FIELDS if they "
        f"take no input): {undiscovered}"
    )
    assert len(urls) >= 60  # the sweep's form routes are all here
    answers: dict[str, set[int]] = {}
    for name, url in sorted(urls.items()):
        _fuzzer(web, name, url, fields[name], answers)()
        assert web.get(case_page).status_code == 200, f"the case page broke after {name}"
    assert set(answers) == set(urls)
    assert time.monotonic() - started < 120
