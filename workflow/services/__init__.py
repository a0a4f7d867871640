"""The use cases, one function each; the web views and the CLI call exactly one.

Every service takes a :class:`~workflow.services.context.Context` (the collaborators) and
ids, runs in one transaction, and returns frozen dataclasses or raises a
:class:`~workflow.errors.WorkflowError`.
"""

from workflow.services.accounts import change_password, reset_password, set_active
from workflow.services.alignment import AlignmentEdit, AlignmentView, alignment_view, edit_alignment
from workflow.services.archive import ArchivePairing, pair_archive, pair_folders
from workflow.services.archive_import import (
    ArchiveImport,
    import_archive,
    submit_archive_import,
)
from workflow.services.archive_upload import (
    StagedArchive,
    stage_archive,
    staged,
    start_staged_import,
)
from workflow.services.articles import (
    ArticleOverview,
    ImportResult,
    PairResult,
    get_article,
    import_article,
    import_desks,
    list_articles,
    pair_translation,
    segment_file,
    set_embargo,
    show_article,
)
from workflow.services.bilingual import PairFindings, check_catalog_file, check_pairs_file
from workflow.services.catalogs import UploadResult, export_catalog_as, import_catalog
from workflow.services.comments import add_comment, comments
from workflow.services.concordance import ConcordanceHit, concordance
from workflow.services.context import Context
from workflow.services.corrections import CorrectionResult, update_article
from workflow.services.dashboard import Dashboard, dashboard
from workflow.services.editing import (
    SegmentHistory,
    revert_translation,
    save_translation,
    segment_history,
)
from workflow.services.edition import export_edition
from workflow.services.editor import EditorFilter, EditorPage, editor_page
from workflow.services.glossary import (
    GlossaryImport,
    add_term,
    delete_term,
    export_terms,
    import_terms,
    list_terms,
)
from workflow.services.health import Health, health
from workflow.services.history import AuditLine, audit_csv, audit_story, parse_day
from workflow.services.inbox import (
    AssignmentPicker,
    Person,
    assign_work,
    assignment_picker,
    assignment_summary,
    assignments_of,
    desk_people,
    inbox_of,
    mark_read,
    my_assignments,
    notify_settings,
    parse_due,
    read_assignment_summary,
    set_notify_settings,
    unread_count,
)
from workflow.services.memory import (
    TmHit,
    build_snapshot,
    memory_status,
    segment_suggestions,
    tm_export,
    tm_import,
    tm_prefill,
    tm_remove,
    tm_search,
    warm_memory,
)
from workflow.services.mt import (
    PretranslateSummary,
    cancel_job,
    job_progress,
    mt_suggest,
    submit_pretranslate,
)
from workflow.services.presence import Heartbeat, heartbeat, leave
from workflow.services.progress import (
    EditorStatus,
    Progress,
    article_progress,
    editor_status,
)
from workflow.services.publishing import (
    Export,
    export_bundle,
    export_catalog,
    export_mo,
    preview_html,
    publish,
)
from workflow.services.qa import QaFinding, check_article, dismiss_warning, override_error
from workflow.services.qa_settings import (
    CheckSetting,
    DeskQaSettings,
    qa_settings,
    save_qa_settings,
)
from workflow.services.queues import (
    WorkItem,
    assign,
    audit_log,
    my_work,
    review_queue,
    work_items,
)
from workflow.services.replace import (
    ArticleHits,
    Hit,
    ReplaceResult,
    replace_in_article,
    replace_in_articles,
    search_article,
    search_articles,
    undo_replace,
)
from workflow.services.review import ApprovalResult, approve, reject
from workflow.services.rows import EditorRow, SegmentRequest, editor_row, segment_act
from workflow.services.sessions import end_session, session_user, start_session
from workflow.services.status import ArticleStatus, LocaleStatus, article_status
from workflow.services.tokens import (
    NewToken,
    Principal,
    authenticate_token,
    create_token,
    list_tokens,
    revoke_token,
)
from workflow.services.users import (
    add_user,
    authenticate,
    get_user,
    list_users,
    login_locks,
    set_ui_language,
    set_user_desks,
    unlock_login,
)
from workflow.services.webhooks import Delivery, deliver, list_deliveries
from workflow.store.audit import AuditEntry
from workflow.store.inbox import InboxEvent, NotifySettings, WorkAssignment
from workflow.store.presence import Presence
from workflow.store.translations import Comment

__all__ = [
    "AlignmentEdit",
    "AlignmentView",
    "ApprovalResult",
    "ArchiveImport",
    "ArchivePairing",
    "ArticleHits",
    "ArticleOverview",
    "ArticleStatus",
    "AssignmentPicker",
    "AuditEntry",
    "AuditLine",
    "CheckSetting",
    "Comment",
    "ConcordanceHit",
    "Context",
    "CorrectionResult",
    "Dashboard",
    "Delivery",
    "DeskQaSettings",
    "EditorFilter",
    "EditorPage",
    "EditorRow",
    "EditorStatus",
    "Export",
    "GlossaryImport",
    "Health",
    "Heartbeat",
    "Hit",
    "ImportResult",
    "InboxEvent",
    "LocaleStatus",
    "NewToken",
    "NotifySettings",
    "PairFindings",
    "PairResult",
    "Person",
    "Presence",
    "PretranslateSummary",
    "Principal",
    "Progress",
    "QaFinding",
    "ReplaceResult",
    "SegmentHistory",
    "SegmentRequest",
    "StagedArchive",
    "TmHit",
    "UploadResult",
    "WorkAssignment",
    "WorkItem",
    "add_comment",
    "add_term",
    "add_user",
    "alignment_view",
    "approve",
    "article_progress",
    "article_status",
    "assign",
    "assign_work",
    "assignment_picker",
    "assignment_summary",
    "assignments_of",
    "audit_csv",
    "audit_log",
    "audit_story",
    "authenticate",
    "authenticate_token",
    "build_snapshot",
    "cancel_job",
    "change_password",
    "check_article",
    "check_catalog_file",
    "check_pairs_file",
    "comments",
    "concordance",
    "create_token",
    "dashboard",
    "delete_term",
    "deliver",
    "desk_people",
    "dismiss_warning",
    "edit_alignment",
    "editor_page",
    "editor_row",
    "editor_status",
    "end_session",
    "export_bundle",
    "export_catalog",
    "export_catalog_as",
    "export_edition",
    "export_mo",
    "export_terms",
    "get_article",
    "get_user",
    "health",
    "heartbeat",
    "import_archive",
    "import_article",
    "import_catalog",
    "import_desks",
    "import_terms",
    "inbox_of",
    "job_progress",
    "leave",
    "list_articles",
    "list_deliveries",
    "list_terms",
    "list_tokens",
    "list_users",
    "login_locks",
    "mark_read",
    "memory_status",
    "mt_suggest",
    "my_assignments",
    "my_work",
    "notify_settings",
    "override_error",
    "pair_archive",
    "pair_folders",
    "pair_translation",
    "parse_day",
    "parse_due",
    "preview_html",
    "publish",
    "qa_settings",
    "read_assignment_summary",
    "reject",
    "replace_in_article",
    "replace_in_articles",
    "reset_password",
    "revert_translation",
    "review_queue",
    "revoke_token",
    "save_qa_settings",
    "save_translation",
    "search_article",
    "search_articles",
    "segment_act",
    "segment_file",
    "segment_history",
    "segment_suggestions",
    "session_user",
    "set_active",
    "set_embargo",
    "set_notify_settings",
    "set_ui_language",
    "set_user_desks",
    "show_article",
    "stage_archive",
    "staged",
    "start_session",
    "start_staged_import",
    "submit_archive_import",
    "submit_pretranslate",
    "tm_export",
    "tm_import",
    "tm_prefill",
    "tm_remove",
    "tm_search",
    "undo_replace",
    "unlock_login",
    "unread_count",
    "update_article",
    "warm_memory",
    "work_items",
]
