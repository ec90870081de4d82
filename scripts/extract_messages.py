"""Extract translatable strings into locale/{lv,ru}/LC_MESSAGES/django.po.

python -m scripts.extract_messages          update the catalogues in place
python -m scripts.extract_messages --check  fail if extraction would add a message id
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ["lv", "ru"]
IGNORE = [".venv", "frontend", "static", "staticfiles", "test-artifacts", "tests", "*/tests"]


def extract(locale_dir: Path) -> None:
    command = [sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete"]
    for language in LANGUAGES:
        command += ["-l", language]
    for pattern in IGNORE:
        command += ["-i", pattern]
    env = {
        **os.environ,
        "TILTS_LOCALE_DIR": str(locale_dir),
        "DJANGO_SETTINGS_MODULE": "tilts.settings.development",
    }
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603


def message_ids(po_path: Path) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path)) if not e.obsolete}


def main() -> int:
    if "--check" not in sys.argv:
        extract(ROOT / "locale")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "locale"
        shutil.copytree(ROOT / "locale", copy)
        extract(copy)
        missing = {}
        for language in LANGUAGES:
            relative = Path(language) / "LC_MESSAGES" / "django.po"
            new = message_ids(copy / relative) - message_ids(ROOT / "locale" / relative)
            if new:
                missing[language] = sorted(msgid for _ctx, msgid in new)
    if missing:
        print("Strings not yet in the catalogues (run python -m scripts.extract_messages):")
        for language, ids in missing.items():
            print(f"  {language}: {ids}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
