"""Every string goes through Django i18n and is translated into Latvian and Russian (issue 2).

Three checks: no message is untranslated or fuzzy; the committed .mo files match the .po files;
and a fresh extraction finds no string missing from the catalogues.
"""

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from scripts.extract_messages import LANGUAGES, catalogues

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = catalogues()


def test_every_app_catalogue_has_both_languages() -> None:
    folders = {path.parents[2] for path in CATALOGUES}
    for folder in folders:
        for language in LANGUAGES:
            assert (folder / language / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated(path: Path) -> None:
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_the_source(path: Path) -> None:
    po = polib.pofile(str(path))
    mo = polib.mofile(str(path.with_suffix(".mo")))
    expected = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po.translated_entries()
    }
    actual = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    actual.pop((None, ""), None)  # the header
    assert actual == expected, "run: .venv/bin/python manage.py compilemessages"


def test_no_string_is_missing_from_the_catalogues() -> None:
    """Extract afresh and compare message ids with the committed ones (files are restored)."""
    result = subprocess.run(
        [sys.executable, "-m", "scripts.extract_messages", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
