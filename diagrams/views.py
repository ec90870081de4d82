"""Diagram pages of a case. Thin: the case through cases.selectors.case_for (404 outside the
user's view), `cases.view_case_plan` to read (403), `cases.work_on_case` to edit (403), writes
through services, every read logged through audit.services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.reads import reads_of, shows_case
from cases.models import Case
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from consent import disclosure
from core.concurrency import row_values, version_of
from core.errors import DomainError

from . import ecomap, familymap, genogram, pdf, pictures, selectors, services
from .forms import (
    ConnectionForm,
    CulturagramForm,
    FamilyMapForm,
    FamilyMemberForm,
    FamilyRelationForm,
    FamilySubsystemForm,
    MemberForm,
    PersonForm,
    RelationForm,
    SnapshotForm,
)
from .models import (
    CULTURAGRAM_AREAS,
    Culturagram,
    EcomapConnection,
    EcomapSnapshot,
    FamilyMember,
    GenogramPerson,
    GenogramRelation,
    NetworkMember,
)


def _readable_case(request: HttpRequest, case_id: int) -> Case:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.view_case_plan", case):
        raise PermissionDenied
    return case


def _editable_case(request: HttpRequest, case_id: int) -> Case:
    case = _readable_case(request, case_id)
    if not request.user.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    return case


def _log(request: HttpRequest, case: Case, objects: list[tuple[str, int]]) -> None:
    reads_of(request).add(case.pk, objects)


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], *, invalid: bool = False
) -> HttpResponse:
    context.setdefault("may_work", request.user.has_perm("cases.work_on_case", context["case"]))
    stale = getattr(context.get("form"), "stale", False)  # a refused stale save (issue 28)
    return render(
        request, f"diagrams/{template}", context, status=409 if stale else 400 if invalid else 200
    )


def _centre_label(case: Case) -> str:
    return case.client.first_name


# --- overview -------------------------------------------------------------------------------


@shows_case()
@login_required
def overview(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    _log(request, case, [("diagrams", case.pk)])
    context = {
        "case": case,
        "ecomaps": case.ecomaps.count(),
        "people": case.genogram_people.count(),
        "members": case.network_members.count(),
        "culturagram": Culturagram.objects.filter(case=case).exists(),
        "family_maps": case.family_maps.count(),
    }
    return _render(request, "overview.html", context)


# --- ecomap ---------------------------------------------------------------------------------


def _ecomap_svg(case: Case, snapshot: EcomapSnapshot, css_id: str) -> Any:
    connections = [
        ecomap.Connection(
            id=c.pk, label=c.display_label, kind=c.kind, strength=c.strength,
            stressful=c.stressful, flow=c.flow,
        )
        for c in snapshot.connections.all()
    ]  # fmt: skip
    date_text = snapshot.drawn_on.isoformat()
    return ecomap.draw(
        connections,
        centre_label=_centre_label(case),
        title=_("Ecomap of %(date)s") % {"date": date_text},
        desc=_(
            "The client in the centre with %(count)d connected systems. Strong connections are "
            "three lines, moderate one line, tenuous dashed; stressful ones carry a red zigzag; "
            "arrowheads show the flow of energy. The table below lists the same connections."
        )
        % {"count": len(connections)},
        css_id=css_id,
    ).render()


@shows_case()
@login_required
def ecomaps(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    snapshots = selectors.ecomaps_of(case, reader=request.user)
    form = SnapshotForm(
        request.POST or None,
        snapshots=case.ecomaps.all(),
        initial={
            "drawn_on": timezone.localdate(),
            "copy_from": snapshots[0] if snapshots else None,
        },
    )
    if request.method == "POST":
        case = _editable_case(request, case_id)
        if form.is_valid():
            try:
                snapshot = services.ecomap_create(actor=acting_user(request), case=case,
                                                  **form.cleaned_data)  # fmt: skip
            except DomainError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, _("Ecomap started."))
                return redirect("diagrams:ecomap", case_id=case.pk, snapshot_id=snapshot.pk)
    _log(request, case, [("ecomap", s.pk) for s in snapshots] or [("diagrams", case.pk)])
    latest = _ecomap_svg(case, snapshots[0], "ecomap-latest") if snapshots else None
    context = {"case": case, "snapshots": snapshots, "form": form, "latest": latest}
    return _render(request, "ecomaps.html", context, invalid=bool(form.errors))


def _snapshot(request: HttpRequest, case: Case, snapshot_id: int) -> EcomapSnapshot:
    snapshot = selectors.ecomap_of(case, snapshot_id, reader=request.user)
    if snapshot is None:
        raise Http404
    snapshot.case = case
    return snapshot


@shows_case()
@login_required
def ecomap_detail(request: HttpRequest, case_id: int, snapshot_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    snapshot = _snapshot(request, case, snapshot_id)
    form = ConnectionForm(request.POST or None)
    if request.method == "POST":
        case = _editable_case(request, case_id)
        if form.is_valid():
            try:
                services.connection_add(actor=acting_user(request), snapshot=snapshot,
                                        **form.cleaned_data)  # fmt: skip
            except DomainError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, _("Connection added."))
                return redirect("diagrams:ecomap", case_id=case.pk, snapshot_id=snapshot.pk)
    _log(request, case, [("ecomap", snapshot.pk)])
    context = {
        "case": case,
        "snapshot": snapshot,
        "connections": list(snapshot.connections.all()),
        "svg": _ecomap_svg(case, snapshot, "ecomap"),
        "form": form,
    }
    return _render(request, "ecomap.html", context, invalid=bool(form.errors))


def _connection(request: HttpRequest, case: Case, connection_id: int) -> EcomapConnection:
    connection = (
        EcomapConnection.objects.filter(pk=connection_id, snapshot__case=case)
        .select_related("snapshot")
        .first()
    )
    if connection is None or selectors.connection_hidden(case, connection, request.user):
        raise Http404
    connection.snapshot.case = case
    return connection


@shows_case()
@login_required
def connection_edit(request: HttpRequest, case_id: int, connection_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    connection = _connection(request, case, connection_id)
    version = version_of(row_values(connection))
    form = ConnectionForm(request.POST or None, instance=connection, initial={"version": version})
    if request.method == "POST" and form.is_valid():
        try:
            services.connection_update(actor=acting_user(request), connection=connection,
                                       expected_version=form.expected_version(),
                                       **form.cleaned_data)  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Connection saved."))
            return redirect("diagrams:ecomap", case_id=case.pk, snapshot_id=connection.snapshot_id)
    _log(request, case, [("ecomap", connection.snapshot_id)])
    context = {"case": case, "connection": connection, "form": form}
    return _render(request, "connection_form.html", context, invalid=bool(form.errors))


@shows_case()
@login_required
@require_POST
def connection_remove(request: HttpRequest, case_id: int, connection_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    connection = _connection(request, case, connection_id)
    services.connection_remove(actor=acting_user(request), connection=connection)
    messages.success(request, _("Connection removed."))
    return redirect("diagrams:ecomap", case_id=case.pk, snapshot_id=connection.snapshot_id)


@shows_case()
@login_required
def ecomap_compare(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    snapshots = selectors.ecomaps_of(case, reader=request.user)
    by_id = {str(s.pk): s for s in snapshots}
    ordered = sorted(snapshots, key=lambda s: (s.drawn_on, s.pk))
    before = by_id.get(request.GET.get("before", "")) or (ordered[-2] if len(ordered) > 1 else None)
    after = by_id.get(request.GET.get("after", "")) or (ordered[-1] if ordered else None)
    pair = [s for s in (before, after) if s is not None]
    _log(request, case, [("ecomap", s.pk) for s in pair] or [("diagrams", case.pk)])
    context = {
        "case": case,
        "snapshots": snapshots,
        "before": before,
        "after": after,
        "pictures": [(s, _ecomap_svg(case, s, f"ecomap-{i}")) for i, s in enumerate(pair)],
        "changes": _changes(before, after) if before and after else [],
    }
    return _render(request, "ecomap_compare.html", context)


def _changes(before: EcomapSnapshot, after: EcomapSnapshot) -> list[dict[str, Any]]:
    """What changed between two snapshots, system by system (matched by system and name)."""
    old = {(c.kind, c.display_label): c for c in before.connections.all()}
    new = {(c.kind, c.display_label): c for c in after.connections.all()}
    rows = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: k[1]):
        rows.append({"label": key[1], "before": old.get(key), "after": new.get(key)})
    return rows


# --- genogram -------------------------------------------------------------------------------


def _genogram_svg(
    case: Case, people: list[GenogramPerson], relations: list[GenogramRelation], *, health: bool
) -> Any:
    """`health`: the user has `cases.view_health`; else no illness or abuse shading."""
    plain_people = [
        genogram.Person(
            id=p.pk, name=p.name, sex=p.sex, birth_year=p.birth_year, death_year=p.death_year,
            deceased=p.deceased, is_index=p.is_index, illness=health and p.illness,
            substance_abuse=health and p.substance_abuse, in_household=p.in_household,
        )
        for p in people
    ]  # fmt: skip
    plain_relations = [genogram.Relation(r.first_id, r.kind, r.second_id) for r in relations]
    generations = len(set(genogram.generations(plain_people, plain_relations).values()))
    return genogram.draw(
        plain_people,
        plain_relations,
        title=_("Genogram"),
        desc=_(
            "%(people)d people in %(generations)d generations: men as squares, women as circles, "
            "the client with a double outline, deceased people crossed out, couples joined by a "
            "line with their children below, oldest on the left. The tables below list the same "
            "people and relationships."
        )
        % {"people": len(people), "generations": generations},
        current_year=timezone.localdate().year,
    ).render()


@shows_case()
@login_required
def genogram_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    people, relations = selectors.genogram_of(case, reader=request.user)
    may_see_health = request.user.has_perm("cases.view_health", case)
    _log(request, case, [("genogram", case.pk)])
    context = {
        "case": case,
        "people": people,
        "relations": relations,
        "svg": _genogram_svg(case, people, relations, health=may_see_health) if people else None,
        "this_year": timezone.localdate().year,
        "may_see_health": may_see_health,
    }
    return _render(request, "genogram.html", context)


def _person(case: Case, person_id: int, reader: Any) -> GenogramPerson:
    """The person, unless their label concerns a category withheld from the reader (the edit
    form would show it; issue 19)."""
    person = GenogramPerson.objects.filter(pk=person_id, case=case).first()
    withheld = disclosure.withheld_categories(reader, case)
    if person is None or disclosure.text_withheld(person.name, withheld):
        raise Http404
    person.case = case
    return person


@shows_case()
@login_required
def person_form(request: HttpRequest, case_id: int, person_id: int | None = None) -> HttpResponse:
    case = _editable_case(request, case_id)
    person = _person(case, person_id, request.user) if person_id is not None else None
    version = version_of(row_values(person)) if person is not None else ""
    form = PersonForm(request.POST or None, instance=person, initial={"version": version})
    if request.method == "POST" and form.is_valid():
        actor = acting_user(request)
        try:
            if person is None:
                services.person_add(actor=actor, case=case, **form.cleaned_data)
            else:
                services.person_update(actor=actor, person=person,
                                       expected_version=form.expected_version(),
                                       **form.cleaned_data)  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Genogram updated."))
            return redirect("diagrams:genogram", case_id=case.pk)
    if person is not None:
        _log(request, case, [("genogram_person", person.pk)])
    context = {"case": case, "person": person, "form": form}
    return _render(request, "person_form.html", context, invalid=bool(form.errors))


@shows_case()
@login_required
@require_POST
def person_remove(request: HttpRequest, case_id: int, person_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    services.person_remove(
        actor=acting_user(request), person=_person(case, person_id, request.user)
    )
    messages.success(request, _("Person removed from the genogram."))
    return redirect("diagrams:genogram", case_id=case.pk)


@shows_case()
@login_required
def relation_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    form = RelationForm(request.POST or None, people=case.genogram_people.all())
    disclosure.mask_choices(form, disclosure.withheld_categories(request.user, case))
    if request.method == "POST" and form.is_valid():
        try:
            services.relation_add(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Relationship added."))
            return redirect("diagrams:genogram", case_id=case.pk)
    _log(request, case, [("genogram", case.pk)])
    context = {"case": case, "form": form}
    return _render(request, "relation_form.html", context, invalid=bool(form.errors))


@shows_case()
@login_required
@require_POST
def relation_remove(request: HttpRequest, case_id: int, relation_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    relation = GenogramRelation.objects.filter(pk=relation_id, case=case).first()
    if relation is None:
        raise Http404
    relation.case = case
    services.relation_remove(actor=acting_user(request), relation=relation)
    messages.success(request, _("Relationship removed."))
    return redirect("diagrams:genogram", case_id=case.pk)


# --- social network map ---------------------------------------------------------------------


def _network_svg(case: Case, members: list[NetworkMember]) -> Any:
    return pictures.network_map(
        [
            pictures.Member(n, m.area, m.closeness, m.criticism)
            for n, m in enumerate(members, start=1)
        ],
        centre_label=_centre_label(case),
        title=_("Social network map"),
        desc=_(
            "%(count)d people in eight life areas; the closer to the centre, the closer to the "
            "client. Each person is shown by their number in the grid below, which holds the "
            "ratings."
        )
        % {"count": len(members)},
    ).render()


@shows_case()
@login_required
def network(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        case = _editable_case(request, case_id)
        if form.is_valid():
            try:
                services.member_add(actor=acting_user(request), case=case, **form.cleaned_data)
            except DomainError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, _("Person added to the network map."))
                return redirect("diagrams:network", case_id=case.pk)
    members = selectors.network_of(case, reader=request.user)
    _log(request, case, [("network_map", case.pk)])
    numbered = list(enumerate(members, start=1))
    svg = _network_svg(case, members)
    context = {
        "case": case,
        "members": numbered,
        "indicators": selectors.network_indicators(members),
        "svg": svg,
        "form": form,
        "full": len(members) >= NetworkMember.MAX_MEMBERS,
    }
    return _render(request, "network.html", context, invalid=bool(form.errors))


def _member(request: HttpRequest, case: Case, member_id: int) -> NetworkMember:
    member = NetworkMember.objects.filter(pk=member_id, case=case).first()
    if member is None or selectors.connection_hidden(case, member, request.user):
        raise Http404
    member.case = case
    return member


@shows_case()
@login_required
def member_edit(request: HttpRequest, case_id: int, member_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    member = _member(request, case, member_id)
    version = version_of(row_values(member))
    form = MemberForm(request.POST or None, instance=member, initial={"version": version})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(actor=acting_user(request), member=member,
                                   expected_version=form.expected_version(),
                                   **form.cleaned_data)  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Network map updated."))
            return redirect("diagrams:network", case_id=case.pk)
    _log(request, case, [("network_member", member.pk)])
    context = {"case": case, "member": member, "form": form}
    return _render(request, "member_form.html", context, invalid=bool(form.errors))


@shows_case()
@login_required
@require_POST
def member_remove(request: HttpRequest, case_id: int, member_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    services.member_remove(actor=acting_user(request), member=_member(request, case, member_id))
    messages.success(request, _("Person removed from the network map."))
    return redirect("diagrams:network", case_id=case.pk)


# --- culturagram ----------------------------------------------------------------------------


def _culturagram_areas(
    current: Culturagram | None, hidden: set[str] | None = None
) -> list[tuple[str, str]]:
    """Each area's label and text; an area the reader may not see says so instead (issue 28,
    finding 6)."""
    return [
        (
            str(label),
            str(disclosure.WITHHELD_TEXT)
            if name in (hidden or set())
            else (getattr(current, name, "") if current else ""),
        )
        for name, label in CULTURAGRAM_AREAS
    ]


def _culturagram_svg(case: Case, areas: list[tuple[str, str]]) -> Any:
    return pictures.culturagram_picture(
        areas,
        centre_label=_centre_label(case),
        title=_("Culturagram"),
        desc=_(
            "The client's family in the centre and the ten areas of the culturagram around it; "
            "%(count)d of them recorded. The list below holds the full text."
        )
        % {"count": sum(1 for _label, text in areas if text)},
    ).render()


@shows_case()
@login_required
def culturagram(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    current = selectors.culturagram_of(case)
    hidden = selectors.culturagram_hidden_areas(case, current, request.user)
    version = version_of(services.culturagram_values(current, case))
    form = CulturagramForm(request.POST or None, instance=current, initial={"version": version})
    for name in hidden:  # not shown, so not changed: the stored text stays
        del form.fields[name]
    if request.method == "POST":
        case = _editable_case(request, case_id)
        if form.is_valid():
            try:
                services.culturagram_save(actor=acting_user(request), case=case,
                                          expected_version=form.expected_version(),
                                          **form.cleaned_data)  # fmt: skip
            except DomainError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, _("Culturagram saved."))
                return redirect("diagrams:culturagram", case_id=case.pk)
    _log(request, case, [("culturagram", current.pk if current else case.pk)])
    areas = _culturagram_areas(current, hidden)
    svg = _culturagram_svg(case, areas)
    context = {"case": case, "form": form, "areas": areas, "svg": svg, "current": current}
    return _render(request, "culturagram.html", context, invalid=bool(form.errors))


# --- family map (Minuchin) ------------------------------------------------------------------


def _family_map_svg(data: selectors.FamilyMapData) -> Any:
    family_map = data.family_map
    return familymap.draw(
        [familymap.Member(m.pk, m.display_label) for m in data.members],
        [
            familymap.Subsystem(
                s.pk, s.kind, s.display_label, s.boundary, tuple(m.pk for m in s.members.all())
            )
            for s in data.subsystems
        ],
        [
            familymap.Relation(
                r.pk, r.kind, r.first_id, r.second_id, r.second_subsystem_id, r.against_id
            )
            for r in data.relations
        ],
        outside_boundary=family_map.outside_boundary,
        title=_("Family map of %(date)s") % {"date": family_map.drawn_on.isoformat()},
        desc=_(
            "%(members)d family members in %(subsystems)d subsystems with %(relations)d "
            "relations. Boundaries: clear dashed, diffuse dotted, rigid solid. Affiliation is "
            "one line, over-involvement three lines, conflict a line crossed by short strokes, "
            "a coalition a bracket joining two members with a crossed line to the third. The "
            "tables below list the same subsystems, boundaries and relations."
        )
        % {
            "members": len(data.members),
            "subsystems": len(data.subsystems),
            "relations": len(data.relations),
        },
    ).render()


@shows_case()
@login_required
def family_maps(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    form = FamilyMapForm(
        request.POST or None,
        initial={"drawn_on": timezone.localdate(), "outside_boundary": "clear"},
    )
    if request.method == "POST":
        case = _editable_case(request, case_id)
        if form.is_valid():
            try:
                family_map = services.family_map_create(actor=acting_user(request), case=case,
                                                        **form.cleaned_data)  # fmt: skip
            except DomainError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, _("Family map started."))
                return redirect("diagrams:family_map", case_id=case.pk, map_id=family_map.pk)
    maps = selectors.family_maps_of(case, reader=request.user)
    _log(request, case, [("family_map", m.pk) for m in maps] or [("diagrams", case.pk)])
    context = {"case": case, "maps": maps, "form": form}
    return _render(request, "family_maps.html", context, invalid=bool(form.errors))


def _family_map(case: Case, map_id: int, reader: Any) -> selectors.FamilyMapData:
    data = selectors.family_map_of(case, map_id, reader=reader)
    if data is None:
        raise Http404
    return data


@shows_case()
@login_required
def family_map_detail(request: HttpRequest, case_id: int, map_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    data = _family_map(case, map_id, request.user)
    _log(request, case, [("family_map", data.family_map.pk)])
    context = {
        "case": case,
        "family_map": data.family_map,
        "members": [
            (m, [s for s in data.subsystems if m in s.members.all()]) for m in data.members
        ],  # each member with their subsystems, from the prefetched rows (no query per member)
        "subsystems": data.subsystems,
        "relations": data.relations,
        "svg": _family_map_svg(data),
        "full": len(data.members) >= FamilyMember.MAX_MEMBERS,
    }
    return _render(request, "family_map.html", context)


def _family_form_page(
    request: HttpRequest, case: Case, data: selectors.FamilyMapData, form: Any, heading: str
) -> HttpResponse:
    _log(request, case, [("family_map", data.family_map.pk)])
    context = {"case": case, "family_map": data.family_map, "form": form, "heading": heading}
    return _render(request, "family_form.html", context, invalid=bool(form.errors))


def _back_to_map(data: selectors.FamilyMapData) -> HttpResponse:
    return redirect(
        "diagrams:family_map", case_id=data.family_map.case_id, map_id=data.family_map.pk
    )


@shows_case()
@login_required
def family_member_add(request: HttpRequest, case_id: int, map_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    data = _family_map(case, map_id, request.user)
    form = FamilyMemberForm(request.POST or None, people=case.genogram_people.all())
    disclosure.mask_choices(form, disclosure.withheld_categories(request.user, case))
    if request.method == "POST" and form.is_valid():
        try:
            services.family_member_add(actor=acting_user(request), family_map=data.family_map,
                                       **form.cleaned_data)  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Member added to the family map."))
            return _back_to_map(data)
    return _family_form_page(request, case, data, form, _("Add a family member"))


@shows_case()
@login_required
def family_subsystem_add(request: HttpRequest, case_id: int, map_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    data = _family_map(case, map_id, request.user)
    form = FamilySubsystemForm(request.POST or None, members=data.family_map.members.all())
    disclosure.mask_choices(form, disclosure.withheld_categories(request.user, case))
    if request.method == "POST" and form.is_valid():
        try:
            services.family_subsystem_add(actor=acting_user(request), family_map=data.family_map,
                                          **form.cleaned_data)  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Subsystem added to the family map."))
            return _back_to_map(data)
    return _family_form_page(request, case, data, form, _("Add a subsystem"))


@shows_case()
@login_required
def family_relation_add(request: HttpRequest, case_id: int, map_id: int) -> HttpResponse:
    case = _editable_case(request, case_id)
    data = _family_map(case, map_id, request.user)
    form = FamilyRelationForm(
        request.POST or None,
        members=data.family_map.members.all(),
        subsystems=data.family_map.subsystems.all(),
    )
    disclosure.mask_choices(form, disclosure.withheld_categories(request.user, case))
    if request.method == "POST" and form.is_valid():
        try:
            services.family_relation_add(actor=acting_user(request), family_map=data.family_map,
                                         **form.cleaned_data)  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Relation added to the family map."))
            return _back_to_map(data)
    return _family_form_page(request, case, data, form, _("Add a relation"))


@shows_case()
@login_required
@require_POST
def family_member_remove(
    request: HttpRequest, case_id: int, map_id: int, member_id: int
) -> HttpResponse:
    case = _editable_case(request, case_id)
    data = _family_map(case, map_id, request.user)
    member = next((m for m in data.members if m.pk == member_id), None)
    if member is None:
        raise Http404
    services.family_member_remove(actor=acting_user(request), member=member)
    messages.success(request, _("Member removed from the family map."))
    return _back_to_map(data)


@shows_case()
@login_required
@require_POST
def family_subsystem_remove(
    request: HttpRequest, case_id: int, map_id: int, subsystem_id: int
) -> HttpResponse:
    case = _editable_case(request, case_id)
    data = _family_map(case, map_id, request.user)
    subsystem = next((s for s in data.subsystems if s.pk == subsystem_id), None)
    if subsystem is None:
        raise Http404
    services.family_subsystem_remove(actor=acting_user(request), subsystem=subsystem)
    messages.success(request, _("Subsystem removed from the family map."))
    return _back_to_map(data)


@shows_case()
@login_required
@require_POST
def family_relation_remove(
    request: HttpRequest, case_id: int, map_id: int, relation_id: int
) -> HttpResponse:
    case = _editable_case(request, case_id)
    data = _family_map(case, map_id, request.user)
    relation = next((r for r in data.relations if r.pk == relation_id), None)
    if relation is None:
        raise Http404
    services.family_relation_remove(actor=acting_user(request), relation=relation)
    messages.success(request, _("Relation removed from the family map."))
    return _back_to_map(data)


# --- the case file as PDF (issue 8) -------------------------------------------------------


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def _family_relation_line(relation: Any) -> str:
    other = relation.second if relation.second_id else relation.second_subsystem
    line = f"{relation.first.display_label} — {relation.get_kind_display()} — {other.display_label}"
    if relation.against_id:
        against = _("against %(member)s") % {"member": relation.against.display_label}
        line += f" ({against})"
    return line


def _pdf_sections(request: HttpRequest, case: Case) -> tuple[list[pdf.Section], list[Any]]:
    """The latest dated snapshot of each diagram kind with its table as lines, and what was
    read (for the access log). Health marks only for `cases.view_health`, as on the page."""
    sections: list[pdf.Section] = []
    read: list[tuple[str, int]] = []
    snapshots = selectors.ecomaps_of(case, reader=request.user)
    if snapshots:
        latest = snapshots[0]
        read.append(("ecomap", latest.pk))
        sections.append(pdf.Section(
            _("Ecomap of %(date)s") % {"date": latest.drawn_on.isoformat()},
            _ecomap_svg(case, latest, "ecomap"),
            [
                f"{c.display_label}: {c.get_strength_display()}; {_('Stressful')}: "
                f"{_yes(c.stressful)}; {_('Flow of energy')}: {c.get_flow_display()}"
                for c in latest.connections.all()
            ],
        ))  # fmt: skip
    people, relations = selectors.genogram_of(case, reader=request.user)
    if people:
        health = request.user.has_perm("cases.view_health", case)
        read.append(("genogram", case.pk))
        rows = []
        for p in people:
            marks = [str(_("the client"))] if p.is_index else []
            if health and p.illness:
                marks.append(_("illness"))
            if health and p.substance_abuse:
                marks.append(_("alcohol or drug abuse"))
            if p.in_household:
                marks.append(_("in the household"))
            years = f"{p.birth_year or '–'}–{p.death_year or ''}"
            rows.append(f"{p.name} ({p.get_sex_display()}, {years}) {', '.join(marks)}".strip())
        rows += [f"{r.first.name} — {r.get_kind_display()} — {r.second.name}" for r in relations]
        svg = _genogram_svg(case, people, relations, health=health)
        sections.append(pdf.Section(_("Genogram"), svg, rows))
    maps = selectors.family_maps_of(case, reader=request.user)
    data = selectors.family_map_of(case, maps[0].pk, reader=request.user) if maps else None
    if data is not None:
        read.append(("family_map", data.family_map.pk))
        rows = [
            f"{s.display_label} ({s.get_boundary_display()}): "
            + ", ".join(m.display_label for m in s.members.all())
            for s in data.subsystems
        ] + [_family_relation_line(r) for r in data.relations]
        sections.append(pdf.Section(
            _("Family map of %(date)s") % {"date": data.family_map.drawn_on.isoformat()},
            _family_map_svg(data), rows,
        ))  # fmt: skip
    members = selectors.network_of(case, reader=request.user)
    if members:
        read.append(("network_map", case.pk))
        rows = [
            f"{n}. {m.name} ({m.get_area_display()}): {_('closeness')} {m.get_closeness_display()}"
            for n, m in enumerate(members, start=1)
        ]
        sections.append(pdf.Section(_("Social network map"), _network_svg(case, members), rows))
    current = selectors.culturagram_of(case)
    if current is not None:
        read.append(("culturagram", current.pk))
        areas = _culturagram_areas(
            current, selectors.culturagram_hidden_areas(case, current, request.user)
        )
        rows = [f"{label}: {text}" for label, text in areas if text]
        sections.append(pdf.Section(_("Culturagram"), _culturagram_svg(case, areas), rows))
    return sections, read


@shows_case()
@login_required
def case_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _readable_case(request, case_id)
    sections, read = _pdf_sections(request, case)
    _log(request, case, [("case_pdf", case.pk), *read])
    response = HttpResponse(pdf.case_pdf(case, sections), content_type="application/pdf")
    # Named by case number, never by the person.
    response["Content-Disposition"] = f'attachment; filename="case-{case.number}.pdf"'
    return response
