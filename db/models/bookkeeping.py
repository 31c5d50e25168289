"""Question-of-the-day suggestions and reminders, and what the bot keeps to keep its promises: owed summaries, erasures to finish, privacy intervals, dead letters, the audit log, its own settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models._base import Base, BigIntPK


class Suggestion(Base):
    """A question a member suggested, waiting for staff (or decided)."""

    __tablename__ = "suggestions"
    __table_args__ = (
        Index("ix_suggestions_guild_status", "guild_id", "status", "id"),
        Index("ix_suggestions_guild_author", "guild_id", "author_id", "created_at"),
        # Ids never given twice (migration 0014): review cards on Discord name them for good
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    guild_id: Mapped[int] = mapped_column(ForeignKey("guilds.id", ondelete="CASCADE"))
    author_id: Mapped[int]
    author_name: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    options: Mapped[list[str]]
    category: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    """The suggester's language, for the private answer."""
    status: Mapped[str] = mapped_column(String(16), default="pending")
    """``pending``, ``approved`` or ``rejected``."""
    created_at: Mapped[datetime]
    review_channel_id: Mapped[int | None]
    review_message_id: Mapped[int | None]
    decided_by: Mapped[int | None]
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)
    question_id: Mapped[int | None]


class Reminder(Base):
    """A reminder before a discussion closes, claimed before posting so it is posted once."""

    __tablename__ = "reminders"

    discussion_id: Mapped[int] = mapped_column(
        ForeignKey("discussions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    closes_at: Mapped[datetime] = mapped_column(primary_key=True)
    """The closing time it announces: a reopened discussion is reminded again."""
    status: Mapped[str] = mapped_column(String(16), default="claimed")
    """``claimed``, ``posted`` or ``failed``."""
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime]
    message_id: Mapped[int | None]


class UnpostedSummary(Base):
    """A closing summary owed and not yet posted whole: written with the closing (so a
    process dying before the post leaves it owed), then kept while Discord refuses it
    (or the analysis breaks), tried again at the scheduler's next ticks until
    :data:`bot.services.summary.CLOSING_ATTEMPTS` attempts failed; a restart goes on
    where the last attempt stopped."""

    __tablename__ = "unposted_summaries"

    discussion_id: Mapped[int] = mapped_column(
        ForeignKey("discussions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    guild_id: Mapped[int]
    attempts: Mapped[int] = mapped_column(Integer)
    """Attempts that failed so far."""
    posted: Mapped[int] = mapped_column(Integer)
    """Messages of the summary already in the thread: a retry posts only the rest."""
    failed_at: Mapped[datetime | None]
    """When the last attempt failed (none yet: the first is under way)."""
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    """The process trying it again now (two processes never post it both)."""
    claimed_at: Mapped[datetime | None]


class ErasedReviewCard(Base):
    """A review card of an erased member's suggestion, still to be removed from Discord.

    Ids only: her suggestion is gone from ``suggestions``; this recognises its
    card until the bot has deleted it (at once after ``/mydata delete``, or at a
    later tick: after ``python -m bot forget``, or when Discord refused)."""

    __tablename__ = "erased_review_cards"

    message_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    channel_id: Mapped[int]
    guild_id: Mapped[int]


class ErasedCredit(Base):
    """A question post that credited a member who erased her data since, to be drawn
    again without her (at once after ``/mydata delete``, else at a later tick)."""

    __tablename__ = "erased_credits"

    discussion_id: Mapped[int] = mapped_column(
        ForeignKey("discussions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    guild_id: Mapped[int]


class ErasedDiscordText(Base):
    """An erased member's words still on Discord, to be taken off by the bot: its post of
    her form answer (``form_post``: the message to delete) or a closing summary's quote of
    her reply (``quote``: the reply whose lines go from the summaries in the thread).

    Ids only. Noted by every erasure, done at once by ``/mydata delete``, else at a later
    tick (after ``python -m bot forget``, or when Discord refused)."""

    __tablename__ = "erased_discord_texts"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    message_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    thread_id: Mapped[int]
    guild_id: Mapped[int]


class PrivacyInterval(Base):
    """A span of time in which nothing a member did in a server may be stored.

    ``erased``: from the start up to the moment she erased her data (open
    start); ``opted_out``: from her opt-out to her opt-in (open end while she
    is opted out). With the erased replies' ids, these recognise what she
    erased or did while opted out whenever catch-up or a reaction fetch
    brings it back, so erasure and opt-out are permanent.
    """

    __tablename__ = "privacy_intervals"
    __table_args__ = (Index("ix_privacy_intervals_guild_user", "guild_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    guild_id: Mapped[int]
    user_id: Mapped[int]
    reason: Mapped[str] = mapped_column(String(16))
    """``erased`` or ``opted_out``."""
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]


class DeadLetter(Base):
    """An event the database refused for a reason no retry can fix.

    Ids only, never the text: the event is recognised (catch-up does not
    queue it again) and counted for the server's staff.
    """

    __tablename__ = "dead_letters"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_dead_letters_guild_id", "guild_id"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    guild_id: Mapped[int | None]
    discussion_id: Mapped[int | None]
    kind: Mapped[str] = mapped_column(String(16))
    """``reply``, ``edit``, ``delete``, ``thread``, ``stance``, ``clear``, ``vote`` or
    ``unvote``."""
    object_id: Mapped[int]
    """The message id (the reply's for a vote), the click's interaction id, or the
    discussion's id (``thread``: its thread deleted)."""
    error: Mapped[str] = mapped_column(String(100))
    """The exception's class name (its text may quote the event)."""
    recorded_at: Mapped[datetime]


class AuditEntry(Base):
    """What a staff member (or a member, for their own data) did, never the text."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_guild_id", "guild_id", "id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    guild_id: Mapped[int]
    actor_id: Mapped[int | None]
    actor_name: Mapped[str | None] = mapped_column(String(100))
    """The name the actor went by then (staff who never replied have no other)."""
    action: Mapped[str] = mapped_column(String(48))
    target: Mapped[str | None] = mapped_column(String(100))
    at: Mapped[datetime]


class BotMeta(Base):
    """Small facts about the bot itself (the synced command tree's digest)."""

    __tablename__ = "bot_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
