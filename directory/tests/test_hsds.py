"""HSDS 3.0 import and export (issue 5): schema composition, validation of every exported
shape with jsonschema, idempotent import, all-or-nothing with each problem named."""

from __future__ import annotations

import copy
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from directory import demo, hsds, selectors
from directory.models import (
    CostOption,
    DirectoryOrganisation,
    Phone,
    Schedule,
    Service,
    ServiceArea,
)
from directory.services import HsdsImportError, directory_import
from directory.tests.factories import service_doc, uid

# The official compiled schemas and examples, vendored with their NOTICE (CC BY-SA 4.0) so the
# tests run wherever the repository is cloned.
SHARED = Path(__file__).resolve().parents[1] / "hsds" / "reference"


def _deref(node: Any) -> Any:
    """Inline every `$ref` of the vendored modular files (as the compiled files are built)."""
    if isinstance(node, dict):
        if "$ref" in node:
            base = _deref(hsds.load(node["$ref"].removesuffix(".json")))
            base.update({k: _deref(v) for k, v in node.items() if k not in ("$ref", "$id")})
            return base
        return {k: _deref(v) for k, v in node.items() if k != "$id"}
    if isinstance(node, list):
        return [_deref(item) for item in node]
    return node


@pytest.mark.parametrize(
    ("shape", "compiled"),
    [
        ("service_full", "service"),
        ("organization_full", "organization"),
        ("service_at_location_full", "service_at_location"),
    ],
)
def test_composed_schemas_equal_the_specifications_compiled_files(
    shape: str, compiled: str
) -> None:
    # The official compiled files are 8 MB; their canonical-JSON SHA-256 digests are kept instead.
    official = json.loads((SHARED / "compiled_digests.json").read_text())[compiled]
    composed = _deref(copy.deepcopy(hsds.schema_for(shape)))
    canonical = json.dumps(composed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode()).hexdigest() == official


@pytest.mark.parametrize(
    ("example", "shape"),
    [
        ("service_full", "service_full"),
        ("organization_full", "organization_full"),
        ("service_at_location_full", "service_at_location_full"),
        ("service_list", "service_full_page"),
        ("organization_list", "organization_full_page"),
        ("taxonomy_term_list", "taxonomy_term_page"),
    ],
)
def test_the_official_examples_validate(example: str, shape: str) -> None:
    document = json.loads((SHARED / "examples" / f"{example}.json").read_text())
    assert list(hsds.errors(document, shape)) == []


def test_the_vendored_schema_files_carry_their_notice() -> None:
    folder = Path(hsds.__file__).parent
    assert "Creative Commons Attribution-ShareAlike 4.0" in (folder / "NOTICE.md").read_text()
    assert (folder / "LICENSE").exists()


@pytest.fixture
def kurzeme(db: None) -> None:
    demo.seed()


@pytest.mark.parametrize("shape", ["organization_full", "service_full", "service_at_location_full"])
def test_every_exported_document_validates_against_the_schema(kurzeme: None, shape: str) -> None:
    documents = selectors.export_documents(shape)
    assert documents
    for document in documents:
        problems = [f"{list(e.absolute_path)}: {e.message}" for e in hsds.errors(document, shape)]
        assert not problems, (document["id"], problems)


def test_export_then_import_changes_nothing(kurzeme: None) -> None:
    before = selectors.export_documents("organization_full")
    report = directory_import(actor=None, data=before)
    assert not report.created
    assert report.updated["service"] == Service.objects.count()
    assert selectors.export_documents("organization_full") == before


def test_import_twice_updates_and_never_duplicates(db: None) -> None:
    document = service_doc("twice")
    first = directory_import(actor=None, data=document)
    assert first.created["service"] == 1
    assert first.created["organisation"] == 1
    document["name"] = "Zupas virtuve (jaunā vietā)"
    second = directory_import(actor=None, data=document)
    assert not second.created
    assert Service.objects.get().name == "Zupas virtuve (jaunā vietā)"
    assert Service.objects.count() == 1
    assert DirectoryOrganisation.objects.count() == 1
    assert Phone.objects.count() == 1


def test_a_collection_in_the_document_replaces_the_stored_one(db: None) -> None:
    document = service_doc("replace", areas=("Liepāja", "Dienvidkurzemes novads"))
    directory_import(actor=None, data=document)
    assert ServiceArea.objects.count() == 2
    document["service_areas"] = document["service_areas"][:1]
    document["phones"] = []
    document["cost_options"] = [{"id": uid("replace", "cost2"), "amount": 2.5, "currency": "EUR"}]
    directory_import(actor=None, data=document)
    assert ServiceArea.objects.get().municipality.code == "liepaja"
    assert not Phone.objects.exists()
    assert list(CostOption.objects.values_list("amount", flat=True)) == [2.5]
    assert not Service.objects.get().free_of_charge


def test_free_of_charge_means_every_cost_option_costs_nothing(db: None) -> None:
    directory_import(
        actor=None,
        data=[
            service_doc("free", amount=0),
            service_doc("paid", amount=3),
            service_doc("unknown", amount=None),
        ],
    )
    assert list(Service.objects.filter(free_of_charge=True).values_list("id", flat=True)) == [
        Service.objects.get(pk=uid("free", "service")).pk
    ]


def test_a_list_page_imports_too(db: None) -> None:
    page = {
        "total_items": 2,
        "total_pages": 1,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": True,
        "empty": False,
        "contents": [service_doc("a"), service_doc("b", name="Naktspatversme")],
    }
    assert directory_import(actor=None, data=page).created["service"] == 2


def _broken_document() -> list[dict[str, Any]]:
    good = service_doc("good", name="Labā zupa")
    bad = service_doc("bad", name="Sliktā zupa")
    del bad["status"]  # required
    bad["minimum_age"] = "astoņpadsmit"  # wrong type
    second = service_doc("bad2", name="Nakts", need="night-shelter")
    second["attributes"][0]["taxonomy_term_id"] = uid("not-a-need")
    schedule = second["service_at_locations"][0]["schedules"][0]
    schedule["opens_at"], schedule["closes_at"] = "17:00", "09:00"
    second["service_areas"][0]["name"] = "Atlantīda"
    second["phones"][0]["id"] = "not-a-uuid"
    third = service_doc("bad3", name="Trešā")
    third["service_at_locations"][0]["schedules"][0]["byday"] = "MONDAY"
    return [good, bad, second, third]


def test_invalid_records_are_each_named_and_nothing_is_imported(db: None) -> None:
    with pytest.raises(HsdsImportError) as caught:
        directory_import(actor=None, data=_broken_document())
    problems = {(p.path, p.reason) for p in caught.value.problems}
    paths = {p.path for p in caught.value.problems}
    assert "/1" in paths  # missing status, reported on the record
    assert "/1/minimum_age" in paths
    assert "/2/phones/0/id" in paths
    assert not Service.objects.exists()
    assert not DirectoryOrganisation.objects.exists()  # the good record is not stored either
    records = " ".join(p.record for p in caught.value.problems)
    assert "Sliktā zupa" in records
    assert uid("bad", "service") in records
    assert any("status" in reason for path, reason in problems if path == "/1")


def test_rules_beyond_the_schema_are_checked_once_the_shape_is_right(db: None) -> None:
    document = _broken_document()
    document[2]["phones"][0]["id"] = uid("bad2", "phone")  # now only Tilts' rules fail
    with pytest.raises(HsdsImportError) as caught:
        directory_import(actor=None, data=document)
    by_path = {p.path: p for p in caught.value.problems}
    closing = by_path["/2/service_at_locations/0/schedules/0/closes_at"]
    assert "17:00" in closing.reason
    assert "opening hours" in closing.record or "Nakts" in closing.record
    assert "unknown taxonomy term" in by_path["/2/attributes/0/taxonomy_term_id"].reason
    assert "Atlantīda" in by_path["/2/service_areas/0/name"].reason
    assert "MONDAY" in by_path["/3/service_at_locations/0/schedules/0/byday"].reason
    assert not Service.objects.exists()
    assert not Schedule.objects.exists()


def test_references_must_resolve(db: None) -> None:
    document = service_doc("refs")
    del document["organization"]
    document["organization_id"] = uid("nobody")
    with pytest.raises(HsdsImportError) as caught:
        directory_import(actor=None, data=document)
    assert any("organization_id" in p.reason for p in caught.value.problems)


def test_taxonomy_terms_are_not_imported(db: None) -> None:
    with pytest.raises(HsdsImportError) as caught:
        directory_import(
            actor=None,
            data={"id": uid("term"), "name": "x", "description": "y", "taxonomy_id": uid("t")},
        )
    assert "taxonomy" in str(caught.value.problems[0])


def test_import_command_reports_problems_and_imports_nothing(db: None, tmp_path: Path) -> None:
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(_broken_document()), encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_hsds", str(path), stderr=errors)
    assert "/1/minimum_age" in errors.getvalue()
    assert not Service.objects.exists()


def test_import_command_refuses_what_is_not_json(db: None, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="line 1"):
        call_command("import_hsds", str(path))


def test_export_command_output_imports_back(kurzeme: None, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    call_command(
        "export_hsds", "--shape", "service_full", "--output", str(path), stderr=io.StringIO()
    )
    documents = json.loads(path.read_text(encoding="utf-8"))
    assert len(documents) == Service.objects.count()
    out = io.StringIO()
    call_command("import_hsds", str(path), stdout=out)
    assert "0 new" in out.getvalue()
