"""Issue 28, finding 9: `import_hsds` refuses deeply nested JSON and bytes that are not UTF-8
with a clear translated error and a non-zero exit code, and imports nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from directory.models import DirectoryOrganisation, Service
from directory.services import HsdsImportError, directory_import
from directory.tests.factories import service_doc

pytestmark = pytest.mark.django_db


def _run(path: Path) -> tuple[int, str]:
    """The command's exit code (manage.py exits with a CommandError's returncode) and what it
    writes to standard error, the error's own line included."""
    errors = io.StringIO()
    try:
        call_command("import_hsds", str(path), stderr=errors)
    except CommandError as error:
        return error.returncode, f"{errors.getvalue()}\nCommandError: {error}"
    return 0, errors.getvalue()


def _nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_json_is_refused_in_words(tmp_path: Path, depth: int) -> None:
    """Issue 28, finding 9: RecursionError (in json.loads or in the validation) ended the
    command in a raw traceback."""
    path = tmp_path / "deep.json"
    path.write_text(f"[{json.dumps(service_doc('ok'))}, {_nested(depth)}]", encoding="utf-8")
    code, errors = _run(path)
    assert code == 1
    assert "Traceback" not in errors
    assert "nested deeper than 32 levels" in errors
    assert not Service.objects.exists()
    assert not DirectoryOrganisation.objects.exists()


def test_bytes_that_are_not_utf8_are_refused_in_words(tmp_path: Path) -> None:
    """Issue 28, finding 9: UnicodeDecodeError ended the command in a raw traceback."""
    path = tmp_path / "latin1.json"
    path.write_bytes(json.dumps(service_doc("ok"), ensure_ascii=False).encode("utf-8") + b"\xff")
    code, errors = _run(path)
    assert code == 1
    assert "Traceback" not in errors
    assert "not UTF-8 text" in errors
    assert not Service.objects.exists()
    with translation.override("lv"):
        assert "nav UTF-8 teksts" in _run(path)[1]


def test_the_service_refuses_deep_data_and_bad_bytes_itself() -> None:
    """Issue 28, finding 9: the service the command calls."""
    from directory.services import directory_document

    with pytest.raises(HsdsImportError) as caught:
        directory_import(actor=None, data=json.loads(_nested(200)))
    assert "nested deeper than" in str(caught.value.problems[0])
    with pytest.raises(HsdsImportError) as caught:
        directory_document(b'{"name": "\xc4"}')
    assert "not UTF-8" in str(caught.value.problems[0])
    with pytest.raises(HsdsImportError) as caught:
        directory_document(b"[" * 200_000)
    assert "nested deeper than" in str(caught.value.problems[0])
    assert not Service.objects.exists()


def test_a_utf8_file_with_a_byte_order_mark_still_imports(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(service_doc("ok")).encode("utf-8"))
    assert _run(path)[0] == 0
    assert Service.objects.count() == 1


@pytest.mark.parametrize(
    ("key", "value"),
    [("last_modified", "9999-12-31T10:00:00Z"), ("last_modified", "0001-01-01T00:00:00Z")],
)
def test_imported_dates_are_bounded_like_every_form(key: str, value: str) -> None:
    """Issue 28, finding 1: the import takes the dates the forms take (core.forms)."""
    document = service_doc("ok") | {key: value}
    with pytest.raises(HsdsImportError) as caught:
        directory_import(actor=None, data=document)
    assert any("Enter a date between" in str(p) for p in caught.value.problems)
    assert not Service.objects.exists()
