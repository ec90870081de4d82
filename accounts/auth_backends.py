"""allauth's sign-in backend, reading the signed-in user on every request by one plain
statement: Django's `get()` built that read anew each time (0.36 → 0.18 ms of CPU; issue 10).
The same rule as Django's: an inactive user is not signed in."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from .models import User

_READ = "SELECT {} FROM {} WHERE id = %s".format(  # noqa: S608 — the model's own names
    ", ".join(f'"{field.column}"' for field in User._meta.concrete_fields),
    f'"{User._meta.db_table}"',
)


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            found = list(User.objects.raw(_READ, [int(user_id)]))
        except (TypeError, ValueError):
            return None
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
