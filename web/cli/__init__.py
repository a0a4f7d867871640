"""The ``transdesk`` command line: the CMS's and the engineer's way in.

Names and outputs are a contract (issue 2). Every failure exits non-zero with a one-line
message on stderr; bad input exits 2.

One module per area, mirroring the blueprints; each defines its commands and groups, and
this module adds them to :data:`main` (importing a module registers nothing by itself).
The JSON that ``--json`` prints is shaped in ``web/serialize.py``, shared with the API.
"""

from __future__ import annotations

import click

from web.cli import (
    archive,
    articles,
    catalogs,
    collab,
    glossary,
    jobs,
    memory,
    review,
    server,
    users,
)
from web.cli.common import CliState, DeskError, domain_errors, emit, pass_state

__all__ = ["CliState", "DeskError", "domain_errors", "emit", "main", "pass_state"]


@click.group()
def main() -> None:
    """transdesk: the translation desk of a bilingual newsroom."""


for command in (
    server.init,
    users.users,
    articles.segment,
    articles.align,
    articles.articles,
    review.translate,
    review.review,
    review.publish,
    review.check,
    jobs.mt,
    jobs.jobs,
    jobs.worker,
    memory.tm,
    glossary.glossary,
    catalogs.catalogs,
    users.tokens,
    server.webhooks,
    catalogs.bundles,
    archive.archive,
    archive.edition,
    collab.assign,
    collab.inbox,
    collab.replace,
    server.run,
):
    main.add_command(command)
