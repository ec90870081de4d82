"""Test settings: the database comes from DATABASE_URL (SQLite by default, PostgreSQL in CI)."""

from .development import *  # noqa: F403

DEBUG = False
MFA_TOTP_INSECURE_BYPASS_CODE = None  # tests type real authenticator codes
# Argon2 stays the default hasher; tests that create many users pass hashed passwords.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
AXES_FAILURE_LIMIT = 3
DEMO_DATA_ALLOWED = True
