"""The one ordered enum of segment states, and the states of an article × locale."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from workflow.errors import BadInput


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
                f"unknown state {label!r}; expected one of " + ", ".join(s.label for s in cls)
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
