"""Reading the occupation classification from CSV (pure Python: used by the data migration,
which must not import models, and by `manage.py import_occupations`).

The file has a header row. Columns, by name (Latvian names of the official export accepted):

    code      (kods)             `NNNN NN` occupation, `NNNN` ISCO-08 unit group; codes of one to
                                 three digits (major, sub-major, minor groups) are skipped
    title_lv  (nosaukums, title) required
    title_ru, title_en           optional: an empty cell keeps the title already stored
    common                       optional: 1 marks the professions of H1

Commas or semicolons separate the cells; UTF-8 with or without a byte-order mark.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "occupations.csv"

COLUMNS = {
    "code": ("code", "kods", "kods_nr"),
    "title_lv": ("title_lv", "nosaukums", "title", "name"),
    "title_ru": ("title_ru",),
    "title_en": ("title_en",),
    "common": ("common",),
}
OCCUPATION = re.compile(r"^(\d{4}) ?(\d{2})$")
UNIT_GROUP = re.compile(r"^\d{4}$")
HIGHER_GROUP = re.compile(r"^\d{1,3}$")
MAX_TITLE = 250


@dataclass(frozen=True)
class Row:
    line: int
    code: str
    title_lv: str
    title_ru: str
    title_en: str
    common: bool | None


@dataclass
class Parsed:
    groups: list[Row] = field(default_factory=list)
    occupations: list[Row] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    skipped: int = 0


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    found = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                found[key] = names.index(alias)
                break
    return found


def parse(text: str) -> Parsed:
    """Validate every row. Errors are (line number, message) in English: the command is run by
    an administrator, and the rows named are the file's own lines."""
    result = Parsed()
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    columns = _columns(header or [])
    if "code" not in columns or "title_lv" not in columns:
        result.errors.append(
            (1, "the header needs a 'code' (kods) and a 'title_lv' (nosaukums) column")
        )
        return result
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        code = " ".join(cell("code").split())
        title_lv = " ".join(cell("title_lv").split())
        if HIGHER_GROUP.match(code):
            result.skipped += 1
            continue
        occupation = OCCUPATION.match(code)
        if occupation:
            code = f"{occupation.group(1)} {occupation.group(2)}"
        elif not UNIT_GROUP.match(code):
            result.errors.append((line, f"code {code!r} is neither 'NNNN NN' nor 'NNNN'"))
            continue
        if not title_lv:
            result.errors.append((line, f"code {code}: the Latvian title is empty"))
            continue
        titles = {key: " ".join(cell(key).split()) for key in ("title_ru", "title_en")}
        if any(len(t) > MAX_TITLE for t in (title_lv, *titles.values())):
            result.errors.append((line, f"code {code}: a title is longer than {MAX_TITLE}"))
            continue
        if code in seen:
            result.errors.append((line, f"code {code} repeats line {seen[code]}"))
            continue
        seen[code] = line
        common_cell = cell("common").lower()
        entry = Row(
            line=line, code=code, title_lv=title_lv, common=None if "common" not in columns
            else common_cell in ("1", "true", "yes", "jā"), **titles,
        )  # fmt: skip
        (result.occupations if occupation else result.groups).append(entry)
    return result


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _store(model: Any, row: Row, counts: Counts) -> None:
    values: dict[str, Any] = {"title_lv": row.title_lv}
    for key in ("title_ru", "title_en"):
        if getattr(row, key):
            values[key] = getattr(row, key)
    if row.common is not None and hasattr(model, "is_common"):
        values["is_common"] = row.common
    if hasattr(model, "is_active"):
        values["is_active"] = True
    existing = model.objects.filter(code=row.code).first()
    if existing is None:
        model.objects.create(code=row.code, **values)
        counts.created += 1
        return
    changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
    if not changed:
        counts.unchanged += 1
        return
    for key, value in changed.items():
        setattr(existing, key, value)
    existing.save()
    counts.updated += 1


def store(parsed: Parsed, group_model: Any, occupation_model: Any) -> dict[str, Counts]:
    """Create or update every valid row by code (idempotent). Models are passed in so the data
    migration can use its historical models. Occupation.save() derives the group columns; the
    historical model has no custom save, so they are set here too."""
    groups, occupations = Counts(), Counts()
    for row in parsed.groups:
        _store(group_model, row, groups)
    for row in parsed.occupations:
        _store(occupation_model, row, occupations)
    for occupation in occupation_model.objects.filter(unit_group=""):
        occupation.unit_group, occupation.minor_group = occupation.code[:4], occupation.code[:3]
        occupation.save(update_fields=["unit_group", "minor_group"])
    return {"groups": groups, "occupations": occupations}


def load_seed(group_model: Any, occupation_model: Any) -> dict[str, Counts]:
    """The classifier excerpt shipped with the app (data/occupations.csv)."""
    parsed = parse(DATA_FILE.read_text(encoding="utf-8"))
    if parsed.errors:
        raise ValueError(f"{DATA_FILE}: {parsed.errors}")
    return store(parsed, group_model, occupation_model)
