"""The WSGI entry point for gunicorn (``web.wsgi:app``; see ``gunicorn.conf.py``).

Importing this module builds the app: it is meant to be imported only by a server process.
gunicorn runs with ``preload_app = False``, so every worker imports it after the fork and
gets its own desk and database pool; the translation memory's snapshot is mapped by every
worker (one copy in the page cache), in a thread started here, so that the first suggestion
a fresh worker answers does not pay for it.
"""

from __future__ import annotations

import threading

from web.app import create_app
from workflow import services

app = create_app()
threading.Thread(
    target=services.warm_memory,
    args=(app.extensions["transdesk"],),
    name="memory-warm-up",
    daemon=True,
).start()
