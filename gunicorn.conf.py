"""gunicorn settings for transdesk: ``gunicorn -c gunicorn.conf.py`` (``make serve``).

Every value can be changed from the environment without editing this file:
``TRANSDESK_BIND`` (default ``127.0.0.1:8000``), ``TRANSDESK_WORKERS`` (default
2 × cores + 1), ``TRANSDESK_THREADS`` (threads per worker, default 2),
``TRANSDESK_TIMEOUT`` (seconds a worker may stay silent before the master kills and
replaces it, default 30) and ``TRANSDESK_FORWARDED_ALLOW_IPS`` (the load balancer's
addresses, whose X-Forwarded-Proto is trusted).

The app writes one JSON line per request (logger ``transdesk.access``, with the request
id; a presence poll that went well is left out), so gunicorn's own access log is off; its
error log (start, stop, worker restarts) goes to stderr.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

wsgi_app = "web.wsgi:app"
bind = [os.environ.get("TRANSDESK_BIND", "127.0.0.1:8000")]

# Threads keep a worker answering while a request waits on the database; several
# processes use both cores in spite of the GIL.
workers = int(os.environ.get("TRANSDESK_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("TRANSDESK_THREADS", 2))

# Each worker builds its own desk (database pool, huey, memory index) after the fork:
# connections and locks must never be shared across processes.
preload_app = False

timeout = int(os.environ.get("TRANSDESK_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Replace a worker now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200

accesslog = None
errorlog = "-"
loglevel = os.environ.get("TRANSDESK_LOG_LEVEL", "info")
proc_name = "transdesk"
forwarded_allow_ips = os.environ.get("TRANSDESK_FORWARDED_ALLOW_IPS", "127.0.0.1")

# The worker heartbeat file on tmpfs, so a slow disk cannot make the master kill workers.
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

# gunicorn ≥ 24 opens a control socket at one path per user ($HOME/.gunicorn); several
# servers on one machine would fight over it, and nothing here uses it.
control_socket_disable = True


def on_starting(server: object) -> None:
    """Import the app's modules, not the app, in the master before it forks: each worker,
    and each worker that replaces a recycled one (``max_requests``), starts with them loaded
    instead of spending about 1.6 s of CPU importing them (most of a worker's boot). The
    desk, its database pool and its threads are still built in each worker after the fork;
    importing builds nothing (no work at import time)."""
    import web.app  # noqa: F401


def on_reload(server: object) -> None:
    """``kill -HUP``: forget the app's own modules and import them afresh, so that the new
    workers run the code now on disk (libraries stay imported)."""
    import importlib
    import sys

    for name in [m for m in sys.modules if m.partition(".")[0] in ("web", "workflow")]:
        del sys.modules[name]
    importlib.import_module("web.app")


def post_worker_init(worker: object) -> None:
    """Say when a worker has built its app and starts accepting (a boot takes seconds)."""
    worker.log.info("Worker ready (pid: %s)", worker.pid)  # type: ignore[attr-defined]
