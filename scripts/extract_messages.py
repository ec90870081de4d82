"""Extract translatable strings into the Latvian and Russian catalogues.

Apps with their own `locale/` folder keep their own catalogue (makemessages writes a file's
strings to the nearest locale folder); everything else goes to the project's `locale/`.

    python -m scripts.extract_messages          update the catalogues in place
    python -m scripts.extract_messages --check  fail if extraction would add a message id
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ["lv", "ru"]
IGNORE = [
    ".venv",
    ".venv-runtime",
    "frontend",
    "static",
    "staticfiles",
    "test-artifacts",
    "tests",
    "*/tests",
]


def catalogues() -> list[Path]:
    """Every django.po of the project and its apps."""
    found = [*ROOT.glob("locale/*/LC_MESSAGES/django.po")]
    found += ROOT.glob("*/locale/*/LC_MESSAGES/django.po")
    return sorted(p for p in found if ".venv" not in p.parts)


def extract() -> None:
    command = [sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete"]
    for language in LANGUAGES:
        command += ["-l", language]
    for pattern in IGNORE:
        command += ["-i", pattern]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tilts.settings.development"}
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603


def message_ids(po_path: Path) -> set[tuple[str | None, str]]:
    if not po_path.exists():
        return set()
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path)) if not e.obsolete}


def check() -> int:
    """Extract in place, compare, then put every catalogue back exactly as it was."""
    before = {path: path.read_bytes() for path in catalogues()}
    try:
        extract()
        missing = {
            str(path.relative_to(ROOT)): sorted(
                msgid for _ctx, msgid in message_ids(path) - _ids_of(before.get(path))
            )
            for path in catalogues()
        }
    finally:
        for path in catalogues():
            if path in before:
                path.write_bytes(before[path])
            else:
                path.unlink()
    missing = {name: ids for name, ids in missing.items() if ids}
    if missing:
        print("Strings not yet in the catalogues (run python -m scripts.extract_messages):")
        for name, ids in missing.items():
            print(f"  {name}: {ids}")
        return 1
    return 0


def _ids_of(content: bytes | None) -> set[tuple[str | None, str]]:
    if content is None:
        return set()
    return {(e.msgctxt, e.msgid) for e in polib.pofile(content.decode()) if not e.obsolete}


def main() -> int:
    if "--check" in sys.argv:
        return check()
    extract()
    return 0


if __name__ == "__main__":
    sys.exit(main())
