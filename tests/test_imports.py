"""``workflow`` never imports the web layer (Flask, Werkzeug, Jinja2, ``web``)."""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("flask", "werkzeug", "jinja2", "web", "flask_babel", "flask_wtf")

CODE = """
import json, pkgutil, importlib, sys
import workflow
for mod in pkgutil.walk_packages(workflow.__path__, "workflow."):
    if ".migrations" in mod.name:
        continue
    importlib.import_module(mod.name)
print(json.dumps(sorted(sys.modules)))
"""


def test_workflow_does_not_import_the_web_layer() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE], check=True, capture_output=True, text=True
    ).stdout
    loaded = set(json.loads(out))
    leaked = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN)
    assert leaked == []
    assert "workflow.services.articles" in loaded  # the walk really imported the services
