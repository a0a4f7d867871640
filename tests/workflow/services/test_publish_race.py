"""An editor approves all and publishes while a translator saves 0–30 ms later: what ships?

Driven through the services with two threads per round (``bench/publish_race.py`` does the
same over HTTP against gunicorn, with the same checks). After every round, checked against
the revision history: no published file (a bundle member, the PO or MO under ``locales/``)
carries a text that no editor approved, and the database never calls published a revision
with an unapproved segment. SQLite serialises writers, so the race is PostgreSQL's; the
test runs on both.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter

from bench.publish_race import check_round
from workflow import services
from workflow.errors import ChecksBlock, InvalidTransition, PublishBlocked
from workflow.services import Context

ROUNDS = 200
PASSWORD = "correct horse battery staple"

KO = json.dumps(
    {
        "title": "서울 시장 선거",
        "body": ["시장 선거가 열린다. 후보가 많다.", "결과는 밤에 나온다."],
        "byline": "김기자 기자",
    }
).encode()
EN = json.dumps(
    {
        "title": "Seoul mayoral election",
        "body": ["The mayoral election is held. There are many candidates.", "Results come late."],
        "byline": "By Kim",
    }
).encode()


class Round:
    """One round: the editor approves all then publishes; the translator saves meanwhile."""

    def __init__(self, ctx: Context, slug: str, editor: int, translator: int) -> None:
        self.ctx, self.slug = ctx, slug
        self.editor, self.translator = editor, translator
        self.approved = threading.Event()
        self.errors: list[BaseException] = []
        self.outcome = "none"

    def run(self, key: str, text: str, delay: float) -> str:
        threads = [
            threading.Thread(target=self._edit),
            threading.Thread(target=self._save, args=(key, text, delay)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not self.errors, self.errors
        return self.outcome

    def _edit(self) -> None:
        try:
            services.approve(self.ctx, self.slug, "en", None, user_id=self.editor)
        except BaseException as exc:
            self.errors.append(exc)
        finally:
            self.approved.set()
        try:
            services.publish(self.ctx, self.slug, "en", user_id=self.editor)
            self.outcome = "published"
        except (PublishBlocked, ChecksBlock, InvalidTransition) as exc:
            self.outcome = type(exc).__name__
        except BaseException as exc:
            self.errors.append(exc)

    def _save(self, key: str, text: str, delay: float) -> None:
        self.approved.wait()
        time.sleep(delay)
        try:
            services.save_translation(self.ctx, self.slug, "en", key, text, user_id=self.translator)
        except BaseException as exc:
            self.errors.append(exc)


def test_a_save_racing_approve_all_and_publish_never_ships_unapproved_text(ctx: Context) -> None:
    tina = services.add_user(ctx, "tina", "translator", PASSWORD).id
    eddie = services.add_user(ctx, "eddie", "editor", PASSWORD).id
    slug = services.import_article(ctx, KO, source="seoul.json", locale="ko").slug
    services.pair_translation(ctx, slug, EN, source="seoul-en.json", locale="en")
    la = services.show_article(ctx, slug, "en")
    keys = [e.segment.key for e in la.entries if e.segment.kind.value == "body"]
    rng = random.Random(12)
    outcomes: Counter[str] = Counter()
    problems: list[str] = []
    for n in range(ROUNDS):
        text = f"Round {'abcdefghij'[n % 10]}{n:04d} draft by tina, not approved."
        delay = rng.uniform(0, 0.03)
        outcomes[Round(ctx, slug, eddie, tina).run(keys[n % len(keys)], text, delay)] += 1
        with ctx.db.transaction(write=False) as conn:
            found = check_round(conn, ctx.settings.instance, slug, "en")
        problems += [f"round {n}: {p}" for p in found]
    assert problems == [], f"{len(problems)} problems in {ROUNDS} rounds: {problems[:10]}"
    # The race was run, not dodged: most publishes went through (PostgreSQL refuses a few,
    # when the save commits first; SQLite's one writer lets the publish finish first).
    assert outcomes["published"] >= ROUNDS // 4, outcomes
    assert sum(outcomes.values()) == ROUNDS
