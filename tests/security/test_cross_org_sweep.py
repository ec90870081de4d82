"""Issue 28, Must-have: the outside probe's cross-organisation sweep as a test of its own.

Every user of organisation A (every role) GETs every URL that names organisation B's objects
and POSTs to every one that accepts a form — with the form B's own user is shown at that URL,
its text fields filled by A, or empty when B's user gets no form there. Then:

1. no answer to A contains B's client name, case number or note text;
2. a snapshot of every table (row count and a digest of all rows, per model) taken before and
   after shows nothing changed, apart from the trail A's own requests leave: new access-log and
   sign-in rows, and A's sessions. Rows that existed before must be byte-for-byte the same.

The routes and B's objects come from test_route_sweep.py (ROUTES, the `theirs` fixture), so a
new route is swept here as soon as it has its rule there. Shared reference data (the employer
register, the directory: Rule.shared) is read but not posted to: every case worker may edit it
by design (employment's own tests), and it holds no client.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client

from audit.models import AccessLog, SignInEvent
from conftest import OrganisationWithStaff
from tests.security.test_route_sweep import (
    ROUTES,
    SECRET_NAME,
    Theirs,
    _staff_of,
    _url,
    theirs,  # noqa: F401  (the fixture)
)

pytestmark = pytest.mark.django_db

MARKER = "Svešas organizācijas ieraksts"  # what A types into every text field
# Tables where A's own requests may add rows (never change existing ones): who read or tried
# to read what, and who signed in.
TRAIL: tuple[type[models.Model], ...] = (AccessLog, SignInEvent)


class _Forms(HTMLParser):
    """The POST forms of a page by the path they post to, with the fields a browser would
    submit: text typed over by A, choices as shown."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.forms: dict[str, dict[str, list[str]]] = {}
        self._fields: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                action = urlsplit(a.get("action") or self.path).path
                self._fields = self.forms.setdefault(action, {})
            return
        fields = self._fields
        if fields is None or (tag != "option" and "name" not in a):
            return
        if tag == "input":
            name, kind = a["name"], a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.setdefault(name, []).append(a.get("value", "on"))
            elif kind in ("text", "search", "tel", "url"):
                fields[name] = [MARKER]
            elif kind == "email":
                fields[name] = ["svesais@example.lv"]
            elif kind == "submit":
                fields.setdefault(name, [a.get("value", "")])  # the first button is pressed
            elif kind not in ("button", "file", "password"):
                fields[name] = [a.get("value", "")]
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            fields.setdefault(a["name"], [a.get("value", "")])
        elif tag == "textarea":
            fields[a["name"]] = [MARKER]
        elif tag == "select":
            self._select = a["name"]
            self._options = []
        elif tag == "option" and self._select is not None:
            # Another choice than the one shown: saving the same value would change nothing.
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None
        elif tag == "select" and self._select is not None and self._fields is not None:
            shown = next((v for v, selected in self._options if selected), None)
            others = [v for v, _selected in self._options if v and v != shown]
            if others or shown is not None:
                self._fields[self._select] = [others[0] if others else str(shown)]
            self._select = None


def _owner_forms(client: Client, urls: list[str]) -> dict[str, dict[str, list[str]]]:
    """Every POST form B's own user is shown on B's pages, by the path it posts to."""
    forms: dict[str, dict[str, list[str]]] = {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms(url)
        parser.feed(response.content.decode())
        for action, fields in parser.forms.items():
            forms.setdefault(action, fields)
    return forms


def _digest(model: type[models.Model]) -> dict[Any, str]:
    """Each row's digest by primary key."""
    names = [field.attname for field in model._meta.concrete_fields]
    return {
        row[0]: hashlib.sha256(repr(row).encode()).hexdigest()
        for row in model._base_manager.order_by("pk").values_list("pk", *names)
    }


def _snapshot() -> dict[str, dict[Any, str]]:
    return {
        model._meta.label: _digest(model)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _changes(
    before: dict[str, dict[Any, str]], after: dict[str, dict[Any, str]], own_sessions: set[str]
) -> list[str]:
    trail = {model._meta.label for model in TRAIL}
    found = []
    for label, rows in before.items():
        now = after[label]
        changed = sorted(str(pk) for pk in rows if pk in now and now[pk] != rows[pk])
        removed = sorted(str(pk) for pk in rows if pk not in now)
        added = sorted(str(pk) for pk in now if pk not in rows)
        if label == Session._meta.label:
            changed = [pk for pk in changed if pk not in own_sessions]
            removed = [pk for pk in removed if pk not in own_sessions]
            added = [pk for pk in added if pk not in own_sessions]
        if label in trail:
            added = []
        for what, pks in (("changed", changed), ("removed", removed), ("added", added)):
            if pks:
                found.append(f"{label}: {what} {', '.join(pks[:10])}")
    return found


def owner(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_another_organisations_users_read_nothing_and_change_nothing(
    org_a: OrganisationWithStaff,
    org_b: OrganisationWithStaff,
    theirs: Theirs,  # noqa: F811  (the fixture imported above)
) -> None:
    """(issue 28, Must-have: the cross-organisation GET/POST sweep with database diff)"""
    secrets = (SECRET_NAME, theirs.case.number, f"{SECRET_NAME} piezīme")
    targets = [(name, rule, _url(name, rule, theirs)) for name, rule in ROUTES.items() if rule.args]
    forms = _owner_forms(owner(org_b.admin), [url for n, _r, url in targets if "accounts:" in n])
    for user in (org_b.social_worker, org_b.supervisor):
        forms = _owner_forms(owner(user), [url for *_nr, url in targets]) | forms
    posted = [url for _name, rule, url in targets if rule.post and not rule.shared]
    with_form = [url for url in posted if forms.get(url)]
    assert len(with_form) >= 50, f"B's own forms were found for {len(with_form)} routes"
    clients = []
    for user in _staff_of(org_a):
        client = Client()
        client.force_login(user)
        clients.append((user, client))
    own_sessions = {client.session.session_key or "" for _user, client in clients}
    before = _snapshot()

    requests = 0
    for user, client in clients:
        for name, rule, url in targets:
            answers = [("get", client.get(url))]
            if rule.post and not rule.shared:
                answers.append(("post", client.post(url, forms.get(url, {}))))
            for method, response in answers:
                requests += 1
                if not rule.shared:
                    assert response.status_code in (403, 404, 405), (name, method, user.email)
                body = response.content.decode(errors="replace")
                for secret in secrets:
                    assert secret not in body, (name, method, user.email, secret)

    assert requests == len(clients) * (len(targets) + len(posted)) > 800
    # The access log is written when a page shows case data: none may say A read B's case.
    read_by_a = AccessLog.objects.filter(
        user__in=[user for user, _client in clients], case_id=theirs.case.pk
    )
    assert list(read_by_a.values_list("object_type", "action")) == []
    changes = _changes(before, _snapshot(), own_sessions)
    assert changes == [], "organisation A's requests changed B's data:\n" + "\n".join(changes)
