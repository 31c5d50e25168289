"""The schema. Discord ids are 64-bit integers; every row carries its server.

One module per concern; every model is imported from here (Alembic reads
``Base.metadata`` with all of them registered).
"""

from db.models._base import DEFAULT_CRON, DEFAULT_DURATION_HOURS, Base, BigIntPK, UTCDateTime
from db.models.bookkeeping import (
    AuditEntry,
    BotMeta,
    DeadLetter,
    ErasedCredit,
    ErasedDiscordText,
    ErasedReviewCard,
    PrivacyInterval,
    Reminder,
    Suggestion,
    UnpostedSummary,
)
from db.models.core import (
    Discussion,
    Guild,
    MemberPreference,
    Question,
    Reply,
    ReplyEmbedding,
    ReplyRevision,
    Slot,
    Stance,
    StanceChange,
    Vote,
)
from db.models.web import PublishedReport, WebLogin, WebSession

__all__ = [
    "DEFAULT_CRON",
    "DEFAULT_DURATION_HOURS",
    "AuditEntry",
    "Base",
    "BigIntPK",
    "BotMeta",
    "DeadLetter",
    "Discussion",
    "ErasedCredit",
    "ErasedDiscordText",
    "ErasedReviewCard",
    "Guild",
    "MemberPreference",
    "PrivacyInterval",
    "PublishedReport",
    "Question",
    "Reminder",
    "Reply",
    "ReplyEmbedding",
    "ReplyRevision",
    "Slot",
    "Stance",
    "StanceChange",
    "Suggestion",
    "UTCDateTime",
    "UnpostedSummary",
    "Vote",
    "WebLogin",
    "WebSession",
]
