"""WSGI entry point (gunicorn tilts.wsgi in production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilts.settings.production")

application = get_wsgi_application()
