"""What the bot is about: servers, questions, discussions, replies, stances and votes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models._base import DEFAULT_CRON, DEFAULT_DURATION_HOURS, Base, BigIntPK


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
    problem_notice: Mapped[str | None] = mapped_column(String(64))
    """The schedule problem staff were last told of in the review channel (a pause reason,
    or ``bank_empty``): told once, again only after the schedule resumed or posted."""
    retention_days: Mapped[int | None] = mapped_column(Integer)
    schedule_since: Mapped[datetime | None]
    """Slots before this instant are never posted (set by ``/setup`` and ``resume``)."""
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    left_at: Mapped[datetime | None]
    """When the bot was removed from the server (none while it is there): its data is
    forgotten ``FORGET_REMOVED_SERVERS_DAYS`` later, unless it is invited back."""
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
    question_role_id: Mapped[int | None]
    """Mentioned on each new question's post (members who want to hear of every debate);
    none: the post pings nobody."""
    leaderboard: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    hide_counts: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    """Stance counts stay off the question post until the discussion closes."""
    categories: Mapped[list[str] | None] = mapped_column(JSON)
    """The categories posted, in rotation order; none: every question, in bank order."""
    name: Mapped[str | None] = mapped_column(String(100))
    """The server's name as Discord last gave it (member-controlled text, stored as given but
    made storable: ``stored_text.storable_name``), for the web room when the bot's cache
    does not have it (the room running alone, a server that removed the bot); written at
    ``/setup``, at each new gateway session, on joining and on a rename. None before."""


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
        # Ids never given twice (migration 0014): buttons on Discord name them for good
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    guild_id: Mapped[int] = mapped_column(ForeignKey("guilds.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    question_text: Mapped[str] = mapped_column(Text)
    options: Mapped[list[str]]
    category: Mapped[str | None] = mapped_column(String(40))
    """The question's category when it was posted: its post keeps showing it after
    ``/question edit`` sorts the question elsewhere, as it keeps its words."""
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
    ``discord`` (the message was deleted there); ``unseen``: deleted on Discord before
    it was stored (a tombstone, perhaps of a message that was never a reply)."""


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
    by_reaction: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Cast (or last changed) by a reaction on the reply, not on the voting card: a
    reaction count on Discord counts only these."""


class MemberPreference(Base):
    __tablename__ = "member_preferences"

    guild_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]
    hidden_from_leaderboard: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0"
    )
