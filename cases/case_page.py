"""The case page's content, rendered once and then served from the cache per reader (issue 10).

The page is the most read one: a worker comes back to it from every task, plan and note. Its
content is kept under a key of
- the case and its two stamps (cases/page_stamps.py: renewed by the database on any write to
  what the page shows),
- the reader and what the permission layer lets them see and do here, decided on every request
  before the cache is asked (a change of rights or consent is another key),
- the language and this release of the code (core/fragments.py),
until the clock changes it (a planned meeting's time passing, a referral becoming overdue,
midnight) and ten minutes at most. Every serving is written to the access log with the
objects the content shows, as when it is rendered.
"""

from __future__ import annotations

from dataclasses import asdict, astuple, dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from consent.disclosure import filter_items, withheld_categories
from core.fragments import Fragment, cached_fragment, render_fragment
from core.panels import panels_until

from . import selectors
from .cadence import proposed_dates
from .forms import OutcomeForm, StatementForm, StatusForm
from .models import Appointment, Case


@dataclass(frozen=True)
class Reader:
    """Who reads the case and what the permission layer lets them see and do on it."""

    user_id: int
    may_see_health: bool
    may_see_plan: bool
    may_see_conviction: bool
    may_work: bool
    may_manage: bool
    may_manage_consent: bool
    may_handle_data_request: bool
    # The sensitive categories the reader may not see even in the others' items (notes,
    # statements, panels: consent/disclosure.py), sorted: a change of consent is another key.
    withheld: tuple[str, ...] = ()

    def key(self) -> str:
        user_id, *flags, withheld = astuple(self)
        bits = "".join("1" if flag else "0" for flag in flags)
        return f"{user_id}:{bits}:{','.join(withheld)}"


def reader_of(user: Any, case: Case) -> Reader:
    return Reader(
        user_id=user.pk,
        may_see_health=user.has_perm("cases.view_health", case),
        may_see_plan=user.has_perm("cases.view_case_plan", case),
        may_see_conviction=user.has_perm("cases.view_conviction", case),
        may_work=user.has_perm("cases.work_on_case", case),
        may_manage=user.has_perm("cases.manage_case", case),
        may_manage_consent=user.has_perm("consent.manage_consent", case),
        may_handle_data_request=user.has_perm("privacy.handle_data_subject_request", case),
        withheld=tuple(sorted(withheld_categories(user, case))),
    )


@dataclass(frozen=True)
class CasePage:
    title: str  # the client's name and the case number
    content: SafeString
    # What the content shows, for the access log: ("health", id), ("note", id) …
    shown: list[tuple[str, int]]


def case_page(request: HttpRequest, case: Case, reader: Reader) -> CasePage:
    # The stamps are read before the content: a write in between renews them, so content read
    # after it never sits under the stamps from before it.
    case_stamp, shared_stamp = selectors.page_stamps_of(case.pk)
    key = f"case-page:{case.pk}:{case_stamp}:{shared_stamp}:{reader.key()}:{get_language()}"
    fragment = cached_fragment(key, lambda: _render(request, case, reader))
    facts = fragment.facts
    return CasePage(facts["title"], fragment.for_request(request), list(facts["shown"]))


def _render(request: HttpRequest, case: Case, reader: Reader) -> tuple[Fragment, datetime | None]:
    user = request.user
    client = selectors.with_relations(case).client
    health = getattr(client, "health", None) if reader.may_see_health else None
    withheld = frozenset(reader.withheld)
    shown_notes = filter_items(selectors.notes_visible_to(user, case, withhold=False), withheld)
    notes = shown_notes.items
    appointments = list(selectors.appointments_of(case)) if reader.may_see_plan else []
    now = timezone.now()
    planned = [a.starts_at for a in appointments if a.status == Appointment.Status.PLANNED]
    after = timezone.localdate(max(planned)) if planned else timezone.localdate()
    panels, panels_change = panels_until("case", request, case=case)
    # A planned meeting whose time passes is shown as missing its outcome.
    changes = [moment for moment in [*planned, panels_change] if moment and moment > now]
    statements = filter_items(
        client.statements.select_related("recorded_by")[:20] if reader.may_see_plan else [],
        withheld,
    )
    context = {
        "case": case,
        "client": client,
        "statements": statements.items,
        "statements_withheld": statements.placeholder,
        "notes_withheld": shown_notes.placeholder,
        "documents": client.documents.all(),
        "incomes": client.incomes.all() if reader.may_see_plan else [],
        "health": health,
        "team": selectors.team_of(case),
        "events": selectors.timeline(case),
        "notes": notes,
        "appointments": appointments,
        "now": now,
        "proposed": proposed_dates(case, after=after),
        "statement_form": StatementForm(),
        "status_form": StatusForm(initial={"status": case.status}),
        "outcome_form": OutcomeForm(),
        "panels": panels,
        **{name: value for name, value in asdict(reader).items() if name.startswith("may_")},
    }
    shown = ([("health", health.pk)] if health is not None else []) + [
        ("note", note.pk) for note in notes
    ]
    title = f"{client.full_name} · {case.number}"
    fragment = render_fragment(
        "cases/case_detail_content.html", context, request, shown=shown, title=title
    )
    return fragment, min(changes, default=None)
