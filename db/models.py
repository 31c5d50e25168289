"""The schema. Discord ids are 64-bit integers; every row carries its server."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# SQLite only auto-increments an ``INTEGER PRIMARY KEY``.
BigIntPK = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        int: BigInteger(),
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


DEFAULT_CRON = "0 18 * * mon"
"""A new server's schedule: Mondays at 18:00, in its time zone."""
DEFAULT_DURATION_HOURS = 72
"""How long a new server's discussions stay open."""


class Guild(Base):
    """A server's settings and the state of its schedule."""

    __tablename__ = "guilds"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    channel_id: Mapped[int | None]
    channel_kind: Mapped[str | None] = mapped_column(String(8))
    forum_tag_id: Mapped[int | None]
    cron: Mapped[str] = mapped_column(String(100), default=DEFAULT_CRON)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    duration_hours: Mapped[int] = mapped_column(Integer, default=DEFAULT_DURATION_HOURS)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    pause_reason: Mapped[str | None] = mapped_column(String(64))
    retention_days: Mapped[int | None] = mapped_column(Integer)
    schedule_since: Mapped[datetime | None]
    """Slots before this instant are never posted (set by ``/setup`` and ``resume``)."""
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    report_names: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Public reports may show members' names (staff opt in; opted-out members never)."""
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    review_channel_id: Mapped[int | None]
    """Where staff review members' suggestions; none: they queue silently."""
    credit_suggesters: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    reminder_hours: Mapped[int | None] = mapped_column(Integer)
    """Remind this long before a discussion closes; none: no reminder."""
    reminder_role_id: Mapped[int | None]
    leaderboard: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    hide_counts: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    """Stance counts stay off the question post until the discussion closes."""
    categories: Mapped[list[str] | None] = mapped_column(JSON)
    """The categories posted, in rotation order; none: every question, in bank order."""


class Question(Base):
    __tablename__ = "questions"
    __table_args__ = (Index("ix_questions_guild_position", "guild_id", "position"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    guild_id: Mapped[int] = mapped_column(ForeignKey("guilds.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    options: Mapped[list[str]]
    source: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="ready")
    """``ready``, ``posted`` or ``removed``."""
    created_at: Mapped[datetime]
    category: Mapped[str | None] = mapped_column(String(40))
    suggested_by: Mapped[int | None]
    """The member whose suggestion this was (credited on the post if the server wants)."""
    up_next: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    """Staff chose to post it next, before the rotation."""


class Discussion(Base):
    __tablename__ = "discussions"
    __table_args__ = (
        Index("ix_discussions_guild_id_desc", "guild_id", "id"),
        Index("ix_discussions_open", "closed_at", "closes_at"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    guild_id: Mapped[int] = mapped_column(ForeignKey("guilds.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    question_text: Mapped[str] = mapped_column(Text)
    options: Mapped[list[str]]
    language: Mapped[str] = mapped_column(String(8))
    channel_id: Mapped[int]
    thread_id: Mapped[int | None] = mapped_column(unique=True)
    message_id: Mapped[int | None] = mapped_column(unique=True)
    opened_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    slot_at: Mapped[datetime | None]


class Slot(Base):
    """A scheduled post time, recorded before posting so it is posted once."""

    __tablename__ = "slots"

    guild_id: Mapped[int] = mapped_column(
        ForeignKey("guilds.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    slot_at: Mapped[datetime] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="claimed")
    """``claimed``, ``posted``, ``skipped`` or ``failed``."""
    discussion_id: Mapped[int | None]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime]


class Reply(Base):
    """A member's message in a discussion's thread; ``id`` is the message id."""

    __tablename__ = "replies"
    __table_args__ = (
        Index("ix_replies_discussion_id", "discussion_id", "id"),
        # ``/answers list`` for a whole server: newest first by keyset on the id.
        Index("ix_replies_guild_id", "guild_id", "id"),
        # A member's replies (``/mydata``): counted and paged without reading rows.
        Index("ix_replies_guild_author", "guild_id", "author_id", "deleted", "id"),
        Index("ix_replies_guild_created", "guild_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    discussion_id: Mapped[int] = mapped_column(ForeignKey("discussions.id", ondelete="CASCADE"))
    guild_id: Mapped[int]
    author_id: Mapped[int]
    author_name: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    edited_at: Mapped[datetime | None]
    reply_to: Mapped[int | None]
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    """Erased: no text, no author name, author id 0 (the id alone stays, to
    recognise the message if it comes back)."""
    via_modal: Mapped[bool] = mapped_column(Boolean, default=False)
    erased_by: Mapped[str | None] = mapped_column(String(16))
    """Who erased it: ``member`` (her own data), ``staff``, ``retention``, or
    ``discord`` (the message was deleted there)."""


class ReplyRevision(Base):
    """An earlier text of an edited reply."""

    __tablename__ = "reply_revisions"
    __table_args__ = (UniqueConstraint("reply_id", "edited_at"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    edited_at: Mapped[datetime]


class ReplyEmbedding(Base):
    """A reply's sentence vector (for themes), computed from its current text.

    Deleted with the reply's text when the reply is erased, and when it is
    edited (it is then computed again from the new text).
    """

    __tablename__ = "reply_embeddings"

    reply_id: Mapped[int] = mapped_column(
        ForeignKey("replies.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    encoder: Mapped[str] = mapped_column(String(64))
    """The encoder's name (vectors of another encoder are computed again)."""
    text_hash: Mapped[str] = mapped_column(String(64))
    """SHA-256 of the text the vector was computed from."""
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    """Little-endian float32, unit length."""


class Stance(Base):
    """A member's current declared stance in a discussion."""

    __tablename__ = "stances"
    __table_args__ = (Index("ix_stances_guild_user", "guild_id", "user_id"),)

    discussion_id: Mapped[int] = mapped_column(
        ForeignKey("discussions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    user_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    guild_id: Mapped[int]
    option: Mapped[int] = mapped_column(SmallInteger)
    """Index into the discussion's options."""
    at: Mapped[datetime]


class StanceChange(Base):
    """Every stance click, for the history."""

    __tablename__ = "stance_changes"
    __table_args__ = (Index("ix_stance_changes_discussion_user", "discussion_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    discussion_id: Mapped[int] = mapped_column(ForeignKey("discussions.id", ondelete="CASCADE"))
    guild_id: Mapped[int]
    user_id: Mapped[int]
    option: Mapped[int] = mapped_column(SmallInteger)
    at: Mapped[datetime]


class Vote(Base):
    """A member's current agree (1) / disagree (-1) / pass (0) vote on a reply."""

    __tablename__ = "votes"
    __table_args__ = (
        Index("ix_votes_discussion", "discussion_id"),
        Index("ix_votes_guild_voter", "guild_id", "voter_id"),
    )

    reply_id: Mapped[int] = mapped_column(
        ForeignKey("replies.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    voter_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    discussion_id: Mapped[int]
    guild_id: Mapped[int]
    value: Mapped[int] = mapped_column(SmallInteger)
    at: Mapped[datetime]


class MemberPreference(Base):
    __tablename__ = "member_preferences"

    guild_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]
    hidden_from_leaderboard: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0"
    )


class Suggestion(Base):
    """A question a member suggested, waiting for staff (or decided)."""

    __tablename__ = "suggestions"
    __table_args__ = (
        Index("ix_suggestions_guild_status", "guild_id", "status", "id"),
        Index("ix_suggestions_guild_author", "guild_id", "author_id", "created_at"),
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
    """``reply``, ``edit``, ``delete``, ``stance``, ``vote`` or ``unvote``."""
    object_id: Mapped[int]
    """The message id (the reply's for a vote), or the click's interaction id."""
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
    action: Mapped[str] = mapped_column(String(48))
    target: Mapped[str | None] = mapped_column(String(100))
    at: Mapped[datetime]


class BotMeta(Base):
    """Small facts about the bot itself (the synced command tree's digest)."""

    __tablename__ = "bot_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class WebLogin(Base):
    """A login link of the web room: single use, short-lived; only its hash is kept."""

    __tablename__ = "web_logins"
    __table_args__ = (Index("ix_web_logins_expires_at", "expires_at"),)

    nonce_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    guild_id: Mapped[int]
    user_id: Mapped[int]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class WebSession(Base):
    """A signed-in staff member of one server; only the cookie's hash is kept."""

    __tablename__ = "web_sessions"
    __table_args__ = (Index("ix_web_sessions_expires_at", "expires_at"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    guild_id: Mapped[int]
    user_id: Mapped[int]
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class PublishedReport(Base):
    """A discussion's summary readable without login at ``/r/<id>``."""

    __tablename__ = "published_reports"

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    """Unguessable (128 random bits, URL-safe base64)."""
    discussion_id: Mapped[int] = mapped_column(
        ForeignKey("discussions.id", ondelete="CASCADE"), unique=True
    )
    guild_id: Mapped[int]
    published_by: Mapped[int | None]
    published_at: Mapped[datetime]
