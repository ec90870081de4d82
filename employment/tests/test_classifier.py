"""The occupation classification: the H1 excerpt loaded by migration, the CSV importer."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from employment import classifier
from employment.models import Occupation, OccupationGroup

pytestmark = pytest.mark.django_db

H1 = [
    "celtnieks", "mūrnieks", "atslēdznieks", "metinātājs", "autoatslēdznieks", "elektriķis",
    "elektromontieris", "galdnieks", "autovadītājs", "kokapstrādes strādnieks", "mežstrādnieks",
]  # fmt: skip


def test_the_eleven_professions_of_h1_are_loaded_with_three_languages() -> None:
    common = Occupation.objects.filter(is_common=True)
    assert sorted(o.title_lv.lower() for o in common) == sorted(H1)
    groups = set(OccupationGroup.objects.values_list("code", flat=True))
    for occupation in common:
        assert occupation.title_ru
        assert occupation.title_en
        assert occupation.unit_group in groups  # every H1 unit group is there
        assert occupation.unit_group == occupation.code[:4]
        assert occupation.minor_group == occupation.code[:3]
    bricklayer = Occupation.objects.get(code="7112 01")
    from django.utils import translation

    with translation.override("ru"):
        assert bricklayer.title == "Каменщик"
    with translation.override("en"):
        assert bricklayer.title == "Bricklayer"


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "klasifikators.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_import_reports_bad_rows_by_line_and_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        "\ufeffKods;Nosaukums\n"
        "7;Strādnieki\n"  # a major group: skipped
        "7112;Mūrnieki un tām radniecīgu profesiju strādnieki\n"
        "7112 01;Mūrnieks\n"  # existing: the Russian and English titles stay
        "711203;Akmeņkalis\n"  # six digits without the space are accepted
        "7112-04;Slikts kods\n"
        "7112 05;\n"
        "7112 03;Atkārtots\n",
    )
    with pytest.raises(CommandError, match="3 bad rows"):
        call_command("import_occupations", str(path))
    err = capsys.readouterr().err
    assert "line 6: code '7112-04' is neither" in err
    assert "line 7: code 7112 05: the Latvian title is empty" in err
    assert "line 8: code 7112 03 repeats line 5" in err
    assert Occupation.objects.get(code="7112 03").title_lv == "Akmeņkalis"
    assert Occupation.objects.get(code="7112 01").title_ru == "Каменщик"
    assert not Occupation.objects.filter(code__in=["7112 04", "7112 05"]).exists()
    count = Occupation.objects.count()

    with pytest.raises(CommandError):
        call_command("import_occupations", str(path))
    out = capsys.readouterr().out
    assert "occupations: 0 created, 0 updated, 2 unchanged" in out
    assert Occupation.objects.count() == count


def test_dry_run_changes_nothing_and_retire_missing_keeps_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path, "code,title_lv,title_en\n7212 01,Metinātājs,Welder\n9999 01,Jauns,New\n"
    )
    call_command("import_occupations", str(path), "--dry-run")
    assert not Occupation.objects.filter(code="9999 01").exists()
    call_command("import_occupations", str(path), "--retire-missing")
    assert Occupation.objects.get(code="9999 01").is_active
    assert not Occupation.objects.get(code="7112 01").is_active  # kept for old records
    assert Occupation.objects.get(code="7212 01").is_active
    assert "occupations no longer current" in capsys.readouterr().out


def test_a_file_without_the_needed_columns_or_not_utf8_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="1 bad rows"):
        call_command("import_occupations", str(_write(tmp_path, "a,b\n7112 01,x\n")))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command(
            "import_occupations",
            str(_write(tmp_path, "code,title_lv\n7112 01,Mūrnieks\n", "utf-16")),
        )


def test_the_shipped_excerpt_parses_without_errors() -> None:
    parsed = classifier.parse(classifier.DATA_FILE.read_text(encoding="utf-8"))
    assert not parsed.errors
    assert len(parsed.occupations) >= 11
