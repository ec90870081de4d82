"""allauth's sign-in backend, reading the signed-in user on every request by one plain
statement: Django's `get()` built that read anew each time (0.36 → 0.18 ms of CPU; issue 10).
The same rule as Django's: an inactive user is not signed in."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from core.plain_reads import first_row

from .models import User


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            user = first_row(User, "id = %s", [int(user_id)])
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
