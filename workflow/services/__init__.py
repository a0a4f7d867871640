"""The use cases, one function each; the web views and the CLI call exactly one.

Every service takes a :class:`~workflow.services.desk.Desk` (the collaborators) and
ids, runs in one transaction, and returns frozen dataclasses or raises a
:class:`~workflow.errors.WorkflowError`.
"""

from workflow.services.articles import (
    ArticleOverview,
    ImportResult,
    PairResult,
    import_article,
    list_articles,
    pair_translation,
    segment_file,
    show_article,
)
from workflow.services.desk import Desk, build_desk
from workflow.services.editing import SegmentHistory, save_translation, segment_history
from workflow.services.publishing import (
    Export,
    export_bundle,
    export_catalog,
    export_mo,
    publish,
)
from workflow.services.review import ApprovalResult, approve, reject
from workflow.services.users import add_user, authenticate, get_user, list_users

__all__ = [
    "ApprovalResult",
    "ArticleOverview",
    "Desk",
    "Export",
    "ImportResult",
    "PairResult",
    "SegmentHistory",
    "add_user",
    "approve",
    "authenticate",
    "build_desk",
    "export_bundle",
    "export_catalog",
    "export_mo",
    "get_user",
    "import_article",
    "list_articles",
    "list_users",
    "pair_translation",
    "publish",
    "reject",
    "save_translation",
    "segment_file",
    "segment_history",
    "show_article",
]
