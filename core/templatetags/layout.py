"""The site header, rendered once per language, page and address in each process (issue 10).

The header (service navigation, language switcher, sign-out) is the same for every signed-in
user on a page: it holds no personal data, only the address (which never carries personal
data: names and codes are searched by POST). Rendering it was a third of a cached case page's
template time. Its forms' CSRF token is put in per request (core/fragments.Fragment).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.fragments import Fragment

register = template.Library()

HEADER = "includes/header.html"
KEPT = 256  # headers per process: pages × languages × addresses in use

_headers: OrderedDict[tuple[str, str, str, bool], Fragment] = OrderedDict()
_lock = threading.Lock()


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    request = context.get("request")
    assert context.template is not None  # noqa: S101 — a tag renders inside a template
    if request is None:  # a template rendered without a request: no token, nothing to keep
        return mark_safe(context.template.engine.get_template(HEADER).render(context))  # noqa: S308
    match = getattr(request, "resolver_match", None)
    user = context.get("user")
    key = (
        get_language(),
        match.view_name if match else "",
        request.get_full_path(),
        bool(user is not None and user.is_authenticated),
    )
    with _lock:
        header = _headers.get(key)
        if header is not None:
            _headers.move_to_end(key)
    if header is None:
        placeholder = secrets.token_hex(16)
        with context.push(csrf_token=placeholder):
            html = context.template.engine.get_template(HEADER).render(context)
        header = Fragment(html, placeholder)
        with _lock:
            _headers[key] = header
            while len(_headers) > KEPT:
                _headers.popitem(last=False)
    return header.for_request(request)
