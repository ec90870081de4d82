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
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import OrganisationWithStaff, client_for
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


class _Forms(HTMLParser):
    """The field names of each <form method="post">, by the path the form posts to."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.found: dict[str, set[str]] = {}
        self.current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            action = attributes.get("action") or self.page_path
            self.current = urlsplit(action).path
            self.found.setdefault(self.current, set())
        elif tag in ("input", "select", "textarea", "button") and self.current is not None:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken":
                self.found[self.current].add(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None


def _url(name: str, rule: Rule, target: Theirs) -> str | None:
    try:
        return reverse(name, kwargs=rule.args(target)) if rule.args else reverse(name)
    except NoReverseMatch:
        return None


def _form_routes() -> dict[str, Rule]:
    return {
        name: rule
        for name, rule in ROUTES.items()
        if rule.post and not rule.public and not name.startswith(NOT_HERE)
    }


def _discover(web: Client, target: Theirs) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Each form route's URL, and the fields every page it can be seen on shows for it."""
    urls: dict[str, str] = {}
    pages: list[str] = []
    for name, rule in ROUTES.items():
        if rule.public or rule.api or name.startswith(NOT_HERE) or name.endswith("_pdf"):
            continue
        url = _url(name, rule, target)
        if url is None:
            continue
        if name in _form_routes():
            urls[name] = url
        pages.append(url)
    fields: dict[str, set[str]] = {}
    for page in pages:
        response = web.get(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms(page)
        parser.feed(response.content.decode())
        for path, names in parser.found.items():
            fields.setdefault(path, set()).update(names)
    return urls, {name: fields.get(url, set()) for name, url in urls.items()}


def _post(web: Client, url: str, data: dict[str, list[str]], how: str) -> Any:
    if how == "form":  # the test client's own urlencoded UTF-8 (no surrogates there)
        plain = {
            k: [v.encode("utf-8", "replace").decode("utf-8") for v in vs] for k, vs in data.items()
        }
        return web.post(url, plain)
    return post_in_charset(web, url, data, charset=how)


def test_every_form_survives_bad_input(org_b: OrganisationWithStaff, theirs: Theirs) -> None:
    """Issue 28 (findings 1 and 14, the probe's bad-input sweep as a test): no 5xx, no broken
    case page afterwards, for every form route."""
    started = time.monotonic()
    web = client_for(org_b.social_worker, "lv")
    case_page = reverse("cases:detail", args=[theirs.case.pk])
    urls, fields = _discover(web, theirs)
    undiscovered = sorted(name for name in urls if not fields[name] and name not in WITHOUT_FIELDS)
    assert not undiscovered, (
        f"POST routes whose form fields no page shows (add them to WITHOUT_FIELDS if they "
        f"take no input): {undiscovered}"
    )
    assert len(urls) >= 60  # the sweep's form routes are all here
    answers: dict[str, set[int]] = {}
    for name, url in sorted(urls.items()):
        names = sorted(fields[name] | {"text", "date"})

        @settings(
            max_examples=EXAMPLES_PER_FORM,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(
            data=st.dictionaries(st.sampled_from(names), values, min_size=1),
            how=st.sampled_from(["utf-7", "utf-8", "form"]),
        )
        def fuzz(data: dict[str, list[str]], how: str, url: str = url, name: str = name) -> None:
            response = _post(web, url, data, how)
            answers.setdefault(name, set()).add(response.status_code)
            assert response.status_code < 500, (name, data)

        fuzz()
        assert web.get(case_page).status_code == 200, f"the case page broke after {name}"
    assert set(answers) == set(urls)
    assert time.monotonic() - started < 120
