"""The demo: the sample article pair and three users, for ``make run``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workflow.errors import BadInput
from workflow.security.passwords import generate_password, hash_password
from workflow.services.articles import import_article, pair_translation
from workflow.services.context import Context
from workflow.states import Role
from workflow.store import articles, users

DEMO_USERS = (("translator", Role.TRANSLATOR), ("editor", Role.EDITOR), ("admin", Role.ADMIN))
ORIGINAL = "hani-ko-689058-demo.txt"
TRANSLATION = "hani-en-689225.txt"
SLUG = "hani-689058"


@dataclass(frozen=True)
class DemoResult:
    credentials: tuple[tuple[str, str, str], ...]  # (name, role, password)
    article: str
    imported: bool


def load_demo(ctx: Context, samples: Path) -> DemoResult:
    """Create (or reset the passwords of) the demo users and import the sample pair once."""
    original, translation = samples / ORIGINAL, samples / TRANSLATION
    for path in (original, translation):
        if not path.is_file():
            raise BadInput(f"demo sample {path} not found (set TRANSDESK_SAMPLES)")
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
    return DemoResult(credentials=tuple(creds), article=SLUG, imported=not exists)
