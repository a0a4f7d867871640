"""transdesk's web layer: the Flask app factory, blueprints, templates and the CLI."""

from web.app import create_app

__all__ = ["create_app"]
