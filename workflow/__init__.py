"""transdesk's domain: articles, segments, catalogs, review and publishing.

Pure Python: this package never imports Flask, Werkzeug, Jinja2 or ``web``
(``tests/test_imports.py`` enforces it) and does no work at import time.
"""
