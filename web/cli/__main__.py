"""``python -m web.cli``: the ``transdesk`` command."""

from web.cli import main

main()
