"""The client's address behind the reverse proxy (issue 28, finding 13's layout).

Behind nginx (deploy/nginx) every request reaches gunicorn from 127.0.0.1, so django-axes'
lockout by account and address, allauth's limits per address and the sign-in log would all see
one address: an attacker's wrong passwords for an e-mail would lock that account out for
everyone. nginx sends the address it saw in X-Real-IP (set by nginx, never passed through from
the client); it is believed only from an address in TILTS_TRUSTED_PROXIES, so a client that
talks to gunicorn directly cannot choose its own address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


class ClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.trusted = frozenset(settings.TILTS_TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get("REMOTE_ADDR") in self.trusted:
            forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
            if _valid(forwarded):
                request.META["REMOTE_ADDR"] = forwarded
        return self.get_response(request)
