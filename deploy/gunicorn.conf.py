"""gunicorn in production (issue 10; issue 28, finding 13): sync workers behind nginx.

    DJANGO_SETTINGS_MODULE=tilts.settings.production SECRET_KEY=... ALLOWED_HOSTS=... \\
      DATABASE_URL=... .venv/bin/gunicorn -c deploy/gunicorn.conf.py tilts.wsgi

Sync workers hold a connection from its first byte to the last byte of the answer, so they
must never face clients directly: 20 connections that never finish their headers stop five
of them until the arbiter's timeout kills each one (issue 28). nginx (deploy/nginx/tilts.conf)
reads every request whole before it passes it on and takes the answer at once, so a worker
only ever talks to nginx on the loopback. tests/security/test_slow_clients.py starts this
file behind that configuration and repeats the probe; the numbers are in bench/RESULTS.md.
"""

from __future__ import annotations

import multiprocessing

# Only nginx on the same machine talks to gunicorn; never bind a public address.
bind = "127.0.0.1:8000"
# The README's rule: 2 × cores + 1 sync workers per application server.
workers = 2 * multiprocessing.cpu_count() + 1
worker_class = "sync"
# A request that runs longer than this is killed (its worker restarted); the slowest pages
# (PDFs, exports) answer in a few seconds. nginx waits a little longer (proxy_read_timeout).
timeout = 30
graceful_timeout = 30
# The X-Forwarded-* headers are trusted from nginx on the loopback only.
forwarded_allow_ips = "127.0.0.1"
# Bounds on what one request may carry (nginx enforces tighter ones first).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Error log to stderr (the service manager's journal); no access log here: nginx writes it.
errorlog = "-"
loglevel = "warning"
