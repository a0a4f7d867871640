"""The WSGI entry point for gunicorn (``web.wsgi:app``; see ``gunicorn.conf.py``).

Importing this module builds the app: it is meant to be imported only by a server process.
gunicorn runs with ``preload_app = False``, so every worker imports it after the fork and
gets its own desk, database pool and translation-memory index.
"""

from __future__ import annotations

from web.app import create_app

app = create_app()
