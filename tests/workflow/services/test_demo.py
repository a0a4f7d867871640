"""The demo: three users and the sample pair, imported once; run again, new passwords."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from workflow import services
from workflow.errors import BadInput
from workflow.services import Context
from workflow.services.demo import load_demo


def test_the_demo_imports_once_and_resets_passwords(ctx: Context) -> None:
    first = load_demo(ctx, SAMPLES)
    assert first.imported and [c[:2] for c in first.credentials] == [
        ("translator", "translator"),
        ("editor", "editor"),
        ("admin", "admin"),
    ]
    la = services.show_article(ctx, first.article, "en")
    assert la.entries and all(e.translation.text for e in la.entries)
    second = load_demo(ctx, SAMPLES)
    assert not second.imported
    assert len(services.list_articles(ctx)) == 1
    for (name, _, old), (_, _, new) in zip(first.credentials, second.credentials, strict=True):
        assert old != new
        assert services.authenticate(ctx, name, new).name == name


def test_missing_samples_are_named(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"demo sample .* not found"):
        load_demo(ctx, tmp_path)
    assert services.list_users(ctx) == []
