"""`{% submit_token %}`: the hidden one-time token of a create form (core/submit_once.py)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.submit_once import SUBMIT_FIELD, new_token

register = template.Library()

# In a part of a page kept in the cache (core/fragments.py) the token is put in when the part is
# served, like the CSRF token: a cached token would be the same for every rendering.
PLACEHOLDER_KEY = "submit_token_placeholder"


@register.simple_tag(takes_context=True)
def submit_token(context: template.Context) -> SafeString:
    value = context.get(PLACEHOLDER_KEY) or new_token()
    return format_html('<input type="hidden" name="{}" value="{}">', SUBMIT_FIELD, value)
