"""Local development and the demo: SQLite, console e-mail, runserver."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="development-only-secret-key-not-for-production-use")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Plain static storage: no collectstatic step needed for the demo.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The demo can only be seeded where this is True (never in production settings).
DEMO_DATA_ALLOWED = True
# Serve static files straight from the source folders, picking up changes without restart.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Demo sign-in: demo users have an authenticator with a published secret (seed_demo prints it);
# in local development the code 000000 is also accepted. allauth refuses this when DEBUG is off.
if DEBUG:
    MFA_TOTP_INSECURE_BYPASS_CODE = env("MFA_TOTP_INSECURE_BYPASS_CODE", default="000000")

# Tasks run in-process: the demo needs no huey consumer.
HUEY = {**HUEY, "immediate": env.bool("HUEY_IMMEDIATE", default=True)}  # noqa: F405
