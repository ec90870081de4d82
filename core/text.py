"""Text folding for search: case- and diacritic-insensitive, the same on SQLite and PostgreSQL.

"Jānis Bērziņš" and "janis berzins" fold to the same key; Cyrillic stays Cyrillic ("Ёлкин" and
"елкин" match). Folded copies are stored beside the original so searches use an index.
"""

import html
import re
import unicodedata

import nh3

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    # Compatibility forms (ᴬ, ﬁ) decompose to letters that still need case folding, and case
    # folding can produce decomposable letters: normalise on both sides.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    # Control characters (NUL included) become spaces: PostgreSQL refuses NUL in text.
    stripped = "".join(
        " " if unicodedata.category(c) == "Cc" else c
        for c in decomposed
        if not unicodedata.combining(c)
    )
    return _SPACES.sub(" ", stripped).strip()


def fold_tokens(text: str) -> list[str]:
    return [token for token in fold(text).split(" ") if token]


def plain_text(text: str) -> str:
    """Free text is stored as plain text: markup is stripped (script bodies too) and entities
    turned back into characters; templates escape the text when they show it."""
    return html.unescape(nh3.clean(text, tags=set())).strip()
