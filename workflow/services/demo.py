"""The demo: the sample article pair and three users, for ``make run`` (``transdesk init --demo``).

The users' new passwords are written to ``<instance>/demo-credentials.txt``, readable by its
owner only, and returned for the caller to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workflow.errors import BadInput
from workflow.files import write_atomic
from workflow.security.passwords import generate_password, hash_password
from workflow.services.articles import import_article, pair_translation
from workflow.services.context import Context
from workflow.states import Role
from workflow.store import articles, users

DEMO_USERS = (("translator", Role.TRANSLATOR), ("editor", Role.EDITOR), ("admin", Role.ADMIN))
ORIGINAL = "hani-ko-689058-demo.txt"
TRANSLATION = "hani-en-689225.txt"
SLUG = "hani-689058"
#: The file in the instance folder that keeps the demo users' passwords.
CREDENTIALS_FILE = "demo-credentials.txt"


@dataclass(frozen=True)
class DemoResult:
    credentials: tuple[tuple[str, str, str], ...]  # (name, role, password)
    article: str
    imported: bool
    credentials_file: Path

    @property
    def lines(self) -> tuple[str, ...]:
        """``name (role): password`` for each user, as in the credentials file."""
        return tuple(f"{name} ({role}): {password}" for name, role, password in self.credentials)


def load_demo(ctx: Context, samples: Path | None = None) -> DemoResult:
    """Create (or reset the passwords of) the demo users and import the sample pair once.

    ``samples`` is the folder of the sample pair (default: the settings'). The new passwords
    are written to the instance's :data:`CREDENTIALS_FILE` (mode 0600) and returned.
    """
    if samples is None:
        samples = ctx.settings.samples
    original, translation = samples / ORIGINAL, samples / TRANSLATION
    for path in (original, translation):
        if not path.is_file():
            raise BadInput("demo sample %(path)s not found (set TRANSDESK_SAMPLES)", path=path)
    # Before anything is stored: on PostgreSQL nothing else may have made the folder yet.
    ctx.settings.instance.mkdir(parents=True, exist_ok=True)
    creds = []
    with ctx.db.transaction() as conn:
        for name, role in DEMO_USERS:
            password = generate_password()
            found = users.user_by_name(conn, name)
            if found is None:
                users.insert_user(conn, name, role, hash_password(password), ctx.clock())
            else:
                users.set_password(conn, found[0].id, hash_password(password))
            creds.append((name, role.value, password))
        exists = articles.slug_taken(conn, SLUG)
    if not exists:
        import_article(ctx, original.read_bytes(), source=original.name, locale="ko", slug=SLUG)
        pair_translation(ctx, SLUG, translation.read_bytes(), source=translation.name, locale="en")
    result = DemoResult(
        credentials=tuple(creds),
        article=SLUG,
        imported=not exists,
        credentials_file=ctx.settings.instance / CREDENTIALS_FILE,
    )
    text = "".join(line + "\n" for line in result.lines)
    write_atomic(result.credentials_file, text.encode(), mode=0o600)
    return result
