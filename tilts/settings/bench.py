"""Production settings for the loopback load test (bench/load.py, issue 10): the same
middleware, MFA rule, sessions and DEBUG off; only static files are served from the source
folders (no collectstatic step) and plain HTTP on 127.0.0.1 is accepted."""

from .production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Served by WhiteNoise from the finders; no STATIC_ROOT, so no warning about a missing folder.
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
