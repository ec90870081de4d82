"""Rendered parts of pages kept in the cache (issue 10).

A page that is costly to render and read far more often than it changes keeps its rendered
part under a key that names everything the part depends on: the data's stamps, the reader, the
reader's permissions, the language and this release of the code. A change to any of them is a
different key; nothing is ever invalidated by hand. Entries also end when the clock changes
what the part shows (a meeting's time passing) and after the TIMEOUT at the latest, so that
erased data does not linger in memory.

Forms in a cached part carry a placeholder, not a CSRF token: the token belongs to the
browser's session and is put in when the part is served. The placeholder is random per
rendering, so no text a user typed can be mistaken for it. A create form's one-time submit
token (core/submit_once.py) is put in the same way, a new one for each form each time.

The cache is Django's default cache: local memory per process unless CACHE_URL names a shared
one (Redis in production). It holds personal data, like the database: see README "Scale".
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .submit_once import new_token
from .templatetags.submit_once import PLACEHOLDER_KEY as SUBMIT_PLACEHOLDER_KEY


@dataclass(frozen=True)
class Fragment:
    """A rendered part: its HTML with `csrf_placeholder` where the CSRF token goes, and what
    the page needs to know of what was rendered (e.g. the ids read, for the access log)."""

    html: str
    csrf_placeholder: str
    facts: dict[str, Any] = field(default_factory=dict)
    submit_placeholder: str = ""

    def for_request(self, request: HttpRequest) -> SafeString:
        """The HTML with the request's CSRF token and new one-time submit tokens."""
        html = self.html
        if self.submit_placeholder and self.submit_placeholder in html:
            parts = html.split(self.submit_placeholder)
            html = parts[0] + "".join(new_token() + part for part in parts[1:])
        if self.csrf_placeholder not in html:
            return mark_safe(html)  # noqa: S308 — rendered by our templates
        return mark_safe(html.replace(self.csrf_placeholder, get_token(request)))  # noqa: S308


def render_fragment(
    template: str, context: dict[str, Any], request: HttpRequest, **facts: Any
) -> Fragment:
    placeholder = secrets.token_hex(16)
    submit = f"submit{secrets.token_hex(16)}"
    html = render_to_string(
        template,
        {**context, "csrf_token": placeholder, SUBMIT_PLACEHOLDER_KEY: submit},
        request=request,
    )
    return Fragment(html, placeholder, facts, submit)


@lru_cache(maxsize=1)
def release() -> str:
    """A digest of this release's code, templates and translations: a deployment changes every
    key, so a shared cache never serves a part rendered by other code."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder, subfolders, files in os.walk(root):
        # Hidden folders (.git, .venv) and built or installed files are not the release's code.
        subfolders[:] = sorted(s for s in subfolders if s[0] != "." and s not in _NOT_CODE)
        for name in sorted(files):
            if name.endswith((".py", ".html", ".mo")):
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_NOT_CODE = {"node_modules", "staticfiles", "test-artifacts", "__pycache__", "media"}


def timeout_seconds() -> int:
    return int(getattr(settings, "TILTS_FRAGMENT_CACHE_SECONDS", 600))


def cached_fragment(key: str, build: Callable[[], tuple[Fragment, datetime | None]]) -> Fragment:
    """The cached fragment under `key` (extended with the release), or a new one from
    `build`, which also says when the clock changes what it shows (None: not before midnight)."""
    timeout = timeout_seconds()
    full_key = f"tilts:fragment:{release()}:{key}"
    if timeout > 0:
        found = cache.get(full_key)
        if isinstance(found, Fragment):
            return found
    fragment, changes_at = build()
    now = timezone.now()
    midnight = _next_midnight(now)
    until = min(changes_at or midnight, midnight, now + timedelta(seconds=timeout))
    seconds = int((until - now).total_seconds())
    if timeout > 0 and seconds > 0:
        cache.set(full_key, fragment, seconds)
    return fragment


def _next_midnight(now: datetime) -> datetime:
    """The next local midnight: dates shown as "today", "this year", proposed days move on."""
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
