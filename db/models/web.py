"""The web room: login links, sessions, published reports."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models._base import Base


class WebLogin(Base):
    """A login link of the web room: single use, short-lived; only its hash is kept."""

    __tablename__ = "web_logins"
    __table_args__ = (Index("ix_web_logins_expires_at", "expires_at"),)

    nonce_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    guild_id: Mapped[int]
    user_id: Mapped[int]
    user_name: Mapped[str | None] = mapped_column(String(100))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class WebSession(Base):
    """A signed-in staff member of one server; only the cookie's hash is kept."""

    __tablename__ = "web_sessions"
    __table_args__ = (Index("ix_web_sessions_expires_at", "expires_at"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    guild_id: Mapped[int]
    user_id: Mapped[int]
    user_name: Mapped[str | None] = mapped_column(String(100))
    """Her name when she asked for the link: what she does is audit-logged under it."""
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
