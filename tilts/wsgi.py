"""WSGI entry point (gunicorn tilts.wsgi in production)."""

import os

from django.core.wsgi import get_wsgi_application

from core.garbage_collection import tune_for_requests

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilts.settings.production")

application = get_wsgi_application()
tune_for_requests()  # each gunicorn worker imports this module once loaded
