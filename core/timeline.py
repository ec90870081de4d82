"""Short translated details for case timeline entries, from other apps without importing them.

A timeline entry (cases.CaseEvent) holds only ids and codes. An app that writes entries of a
kind may register, in its AppConfig.ready(), a function turning the entry's data into a short
translated text ("help given", "night shelter · 12 nights"); the timeline shows it after the
kind's label. Unknown or unregistered kinds, or data the function cannot read, show nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Detail = Callable[[Mapping[str, Any]], str]

_DETAILS: dict[str, Detail] = {}


def register(kind: str, detail: Detail) -> None:
    _DETAILS[kind] = detail


def detail_of(kind: str, data: Mapping[str, Any]) -> str:
    detail = _DETAILS.get(kind)
    if detail is None:
        return ""
    try:
        return detail(data)
    except (KeyError, ValueError, TypeError):
        return ""
