"""The one ordered enum of segment states, the states of an article × locale, and the
transitions between them.

Every change of state goes through a function here (:func:`save`, :func:`revert`,
:func:`approve`, :func:`reject`, :func:`fill`, :func:`source_changed`, :func:`publish`):
it returns a :class:`Transition` — the new state and the event that revisions and the
audit log record — or raises :class:`~workflow.errors.InvalidTransition` saying why the
move is not allowed. The services decide *whether* to act (four-eyes, versions, QA);
these functions decide *where* a state may go.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Generic, TypedDict, TypeVar

from workflow.errors import BadInput, InvalidTransition, Message


class SegmentState(IntEnum):
    """State of one translation; the order is the order of progress.

    EMPTY ⇄ empty msgstr, NEEDS_EDIT ⇄ ``#, fuzzy``, TRANSLATED waits for review,
    APPROVED was approved by someone other than its last editor.
    """

    EMPTY = 0
    NEEDS_EDIT = 10
    TRANSLATED = 20
    APPROVED = 30

    @property
    def label(self) -> str:
        """The lower-case name used in JSON and the CLI (``needs_edit``)."""
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> SegmentState:
        try:
            return cls[label.upper()]
        except KeyError:
            raise BadInput(
                "unknown state %(label)r; expected one of %(known)s",
                label=label,
                known=", ".join(s.label for s in cls),
            ) from None


class Role(StrEnum):
    """What a user may do: translators translate, editors also review, admins also manage."""

    TRANSLATOR = "translator"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def can_review(self) -> bool:
        return self in (Role.EDITOR, Role.ADMIN)

    @property
    def can_manage(self) -> bool:
        return self is Role.ADMIN


class LocalizationState(StrEnum):
    """Where an article × target locale stands as a whole."""

    DRAFT = "draft"
    TRANSLATING = "translating"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"
    NEEDS_UPDATE = "needs_update"

    @property
    def label(self) -> str:
        """The name used in JSON, the CLI and the audit log (``in_review``)."""
        return self.value


def localization_state_for(
    states: list[SegmentState], published: bool, needs_update: bool = False
) -> LocalizationState:
    """Derive the article × locale state from its segments' states.

    ``needs_update``: the original changed after this translation was published, and it
    has not been published again since.
    """
    if needs_update:
        return LocalizationState.NEEDS_UPDATE
    if not states or all(s is SegmentState.EMPTY for s in states):
        return LocalizationState.DRAFT
    if all(s is SegmentState.APPROVED for s in states):
        return LocalizationState.PUBLISHED if published else LocalizationState.APPROVED
    if all(s >= SegmentState.TRANSLATED for s in states):
        return LocalizationState.IN_REVIEW
    return LocalizationState.TRANSLATING


class Action(StrEnum):
    """What changes a state, under the name revisions and the audit log give it."""

    SAVE = "save"  # a person's text
    REVERT = "revert"  # the text of an earlier revision, brought back
    APPROVE = "approve"
    REJECT = "reject"
    ALIGN = "aligned"  # text from pairing the article with its translated edition
    REALIGN = "realign"  # text from an editor's change to the alignment
    UPLOAD = "upload"  # text from an uploaded catalog (PO, XLIFF…)
    MEMORY = "tm"  # a 100 % translation-memory match
    MACHINE = "mt"  # a machine translation
    SOURCE_CHANGED = "source-changed"  # the original was corrected under the translation
    PUBLISH = "publish"  # an article × locale, not a segment


#: What the audit log calls each action it records, for people (the web translates it):
#: the segment actions above and the other changes the services record. An action not
#: listed here is shown as recorded (``tests/test_messages.py`` keeps the list whole).
AUDIT_ACTIONS: Mapping[str, Message] = {
    Action.SAVE: Message("saved"),
    Action.REVERT: Message("brought back an earlier version"),
    Action.APPROVE: Message("approved"),
    Action.REJECT: Message("sent back"),
    Action.ALIGN: Message("filled from the translated edition"),
    Action.REALIGN: Message("filled from a changed alignment"),
    Action.UPLOAD: Message("filled from an uploaded catalog"),
    Action.MEMORY: Message("filled from translation memory"),
    Action.MACHINE: Message("filled by machine translation"),
    Action.SOURCE_CHANGED: Message("original corrected"),
    Action.PUBLISH: Message("published"),
    "import": Message("imported"),
    "update": Message("original updated"),
    "pair": Message("linked to its translation"),
    "assign": Message("assigned"),
    "comment": Message("commented"),
    "dismiss": Message("warning dismissed"),
    "embargo": Message("embargoed"),
    "embargo-lifted": Message("embargo lifted"),
    "glossary-import": Message("glossary imported"),
    "tm-import": Message("translation memory imported"),
    "token_created": Message("API token created"),
    "token_revoked": Message("API token revoked"),
    "password_changed": Message("password changed"),
    "login_unlocked": Message("login unlocked"),
    "user_desks": Message("desks changed"),
    "user_enabled": Message("user enabled"),
    "user_disabled": Message("user disabled"),
    "override": Message("QA error overridden"),
    "qa_settings": Message("QA checks of a desk changed"),
    "tm-remove": Message("translation memory units removed"),
    "archive-import": Message("archive imported"),
    "replace": Message("found and replaced"),
    "undo_replace": Message("replace undone"),
}

_ANY = frozenset(SegmentState)

#: The segment states each action may start from; every other pair is refused.
ALLOWED_FROM: Mapping[Action, frozenset[SegmentState]] = {
    Action.SAVE: _ANY,
    Action.REVERT: _ANY,
    Action.APPROVE: frozenset({SegmentState.TRANSLATED}),
    Action.REJECT: frozenset({SegmentState.TRANSLATED, SegmentState.APPROVED}),
    Action.ALIGN: _ANY,
    Action.REALIGN: _ANY,
    Action.UPLOAD: _ANY,
    # Suggestions only fill what nobody has written yet.
    Action.MEMORY: frozenset({SegmentState.EMPTY}),
    Action.MACHINE: frozenset({SegmentState.EMPTY}),
    # Only a written translation can fall behind its source.
    Action.SOURCE_CHANGED: frozenset(
        {SegmentState.NEEDS_EDIT, SegmentState.TRANSLATED, SegmentState.APPROVED}
    ),
}

#: The actions that fill a segment with text brought in from elsewhere.
FILLS = frozenset({Action.ALIGN, Action.REALIGN, Action.UPLOAD, Action.MEMORY, Action.MACHINE})

#: The localization states a publication may start from (NEEDS_UPDATE: published before,
#: the original corrected since, every segment approved again).
PUBLISHABLE = frozenset({LocalizationState.APPROVED, LocalizationState.NEEDS_UPDATE})

S = TypeVar("S", SegmentState, LocalizationState)


class AuditEvent(TypedDict):
    """The fields of an audit entry that a transition decides (``repo.audit``'s keywords)."""

    action: str
    target: str | None
    from_state: str
    to_state: str
    detail: str | None


@dataclass(frozen=True)
class Transition(Generic[S]):
    """A move the workflow allows: the new state, and the event that records it.

    ``target`` is the segment key (None for an article × locale); ``note`` is what the
    audit entry says about it (a rejection's reason, the published revision).
    """

    action: Action
    from_state: S
    to_state: S
    target: str | None = None
    note: str | None = None

    @property
    def state(self) -> S:
        """The state after the move."""
        return self.to_state

    def audit(self) -> AuditEvent:
        """The audit entry's action, target, states (as labels) and detail."""
        return AuditEvent(
            action=self.action.value,
            target=self.target,
            from_state=self.from_state.label,
            to_state=self.to_state.label,
            detail=self.note,
        )


def allowed(action: Action, state: SegmentState) -> bool:
    """Whether ``action`` may start from a segment in ``state``."""
    return state in ALLOWED_FROM.get(action, frozenset())


def save(current: SegmentState, text: str, *, key: str) -> Transition[SegmentState]:
    """A person's text: TRANSLATED, or EMPTY when blank; allowed from every state."""
    return _written(Action.SAVE, current, text, key)


def revert(current: SegmentState, text: str, *, key: str) -> Transition[SegmentState]:
    """An earlier revision's text brought back: like :func:`save`, named ``revert``."""
    return _written(Action.REVERT, current, text, key)


def approve(current: SegmentState, *, key: str) -> Transition[SegmentState]:
    """TRANSLATED → APPROVED. Four-eyes and QA are the review service's checks."""
    _check(Action.APPROVE, current, key, "only a translated segment can be approved")
    return Transition(Action.APPROVE, current, SegmentState.APPROVED, key)


def reject(current: SegmentState, reason: str, *, key: str) -> Transition[SegmentState]:
    """TRANSLATED or APPROVED → NEEDS_EDIT, with the reason the translator sees.

    BadInput naming ``reason`` when it is blank.
    """
    if not reason.strip():
        raise BadInput("a rejection needs a reason", field="reason")
    _check(Action.REJECT, current, key, "only a translated or approved segment can be rejected")
    return Transition(Action.REJECT, current, SegmentState.NEEDS_EDIT, key, reason)


def fill(
    current: SegmentState, text: str, *, key: str, by: Action, fuzzy: bool = False
) -> Transition[SegmentState]:
    """Text brought in ``by`` alignment, a catalog, the memory or a machine.

    Aligned text and a catalog's become TRANSLATED (a catalog's fuzzy entry NEEDS_EDIT;
    a blank text EMPTY) whatever the state was. A memory match or a machine translation
    only fills an EMPTY segment, and only as NEEDS_EDIT: a person must look at it.
    """
    if by not in FILLS:
        raise ValueError(f"{by.value!r} is not a fill")
    if by in (Action.MEMORY, Action.MACHINE):
        what = "a memory match" if by is Action.MEMORY else "a machine translation"
        _check(by, current, key, f"{what} only fills an empty segment")
        if not text:
            raise InvalidTransition(
                "segment %(key)r: %(what)s without text fills nothing", key=key, what=what
            )
        return Transition(by, current, SegmentState.NEEDS_EDIT, key)
    if by is Action.UPLOAD and fuzzy and text:
        return Transition(by, current, SegmentState.NEEDS_EDIT, key)
    return _written(by, current, text, key)


def source_changed(current: SegmentState, *, key: str) -> Transition[SegmentState]:
    """The original under a written translation was corrected: NEEDS_EDIT (``#, fuzzy``)."""
    _check(
        Action.SOURCE_CHANGED,
        current,
        key,
        "only a written translation needs an edit when its source changes",
    )
    return Transition(Action.SOURCE_CHANGED, current, SegmentState.NEEDS_EDIT, key)


def publish(
    current: LocalizationState, *, what: str, note: str | None = None
) -> Transition[LocalizationState]:
    """An article × locale (``what``, for messages) APPROVED or NEEDS_UPDATE → PUBLISHED.

    The publishing service checks first that every segment is approved and free of QA
    errors, and says how many are not; this refuses what is already published.
    """
    if current is LocalizationState.PUBLISHED:
        raise InvalidTransition("%(what)s is already published", what=what)
    if current not in PUBLISHABLE:
        raise InvalidTransition(
            "%(what)s is %(label)s; only an approved translation can be published",
            what=what,
            label=current.label,
        )
    return Transition(Action.PUBLISH, current, LocalizationState.PUBLISHED, note=note)


def _written(
    action: Action, current: SegmentState, text: str, key: str
) -> Transition[SegmentState]:
    _check(action, current, key, f"{action.value} is not allowed")
    new = SegmentState.TRANSLATED if text else SegmentState.EMPTY
    return Transition(action, current, new, key)


def _check(action: Action, current: SegmentState, key: str, rule: str) -> None:
    if not allowed(action, current):
        raise InvalidTransition(
            "segment %(key)r is %(label)s; %(rule)s", key=key, label=current.label, rule=rule
        )
