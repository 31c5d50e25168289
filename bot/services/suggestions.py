"""Members suggest questions; staff approve, edit or reject them; the suggester
is told privately (a DM when they accept DMs; when none could be sent, the moderator
is told so).

A decision is stored and answered first; only then the other card is redrawn and the
suggester told (:func:`after_decision`): Discord slow to take a DM never leaves the
moderator's click unanswered past its 3 seconds, and a DM failing undoes nothing.

A suggestion is checked as ``/question add`` checks a question, refused when
the bank or a pending suggestion already holds it, and limited per member and
server. With a review channel set, each suggestion gets one card there with
persistent buttons; without one, suggestions wait silently in
``/question suggestions``. A decision is taken once, even when two
moderators click together (``pending`` → decided is a conditional update).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

import discord
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.discord_faults import NO_ANSWER
from bot.discord_text import safe, visible
from bot.errors import NotFound, UserError
from bot.i18n import t
from bot.post_extras import timestamp
from bot.review_card import review_embed, review_view
from bot.services import bank, lifecycle
from bot.services.paging import page_of
from bot.stored_text import storable, storable_name
from db.models import Guild, Question, Suggestion
from db.repositories import audit, discussions, guilds, questions
from db.repositories import suggestions as repo

log = logging.getLogger(__name__)

PER_DAY = 3
"""Suggestions a member may make in a server in any 24 hours."""
WINDOW = timedelta(hours=24)
MAX_REASON = 500
PAGE = 5


@dataclass(frozen=True, slots=True)
class Decision:
    suggestion: Suggestion
    question: Question | None = None
    up_next: bool = False
    outside: tuple[str, ...] = ()
    """The categories the server posts, when the approved question is in none of them:
    the schedule never reaches it (only staff's ``/question post`` does)."""
    ahead: int = 0
    """Chosen to go next: how many questions chosen before it go out first."""


async def _refuse_pending_duplicate(
    session: AsyncSession, guild_id: int, text: str, *, itself: int | None = None
) -> None:
    others = [(i, q) for i, q in await repo.pending_texts(session, guild_id) if i != itself]
    found = await asyncio.to_thread(bank.duplicate_of, text, others)
    if found is not None:
        raise UserError("error-suggestion-duplicate", id=found)


async def _refuse_banked(session: AsyncSession, guild_id: int, text: str) -> None:
    """Refuse a member's suggestion the bank holds: one already asked names its discussion
    (the number on its post, and its thread), not the bank's number she cannot look up."""
    found = await bank.duplicate_in_bank(session, guild_id, text)
    if found is None:
        return
    asked = await discussions.latest_of_question(session, guild_id, found)
    if asked is None:
        raise UserError("error-question-duplicate", id=found)
    where = asked.thread_id or asked.channel_id
    raise UserError("error-suggestion-asked", id=asked.id, thread=f"<#{where}>")


@dataclass(frozen=True, slots=True)
class EarlierRejection:
    """The same question, suggested before and rejected by staff."""

    decided_at: datetime | None
    reason: str | None


async def _rejected_before(
    session: AsyncSession, guild_id: int, text: str, *, itself: int
) -> EarlierRejection | None:
    """The latest rejected suggestion of the same question (worded alike once
    normalized, as duplicates are found), for the review card; ``None`` when none."""
    earlier = [s for s in await repo.rejected(session, guild_id) if s.id != itself]
    found = await asyncio.to_thread(bank.duplicate_of, text, [(s.id, s.text) for s in earlier])
    match = next((s for s in earlier if s.id == found), None)
    return None if match is None else EarlierRejection(match.decided_at, match.reason)


async def rejected_before(app: App, suggestion: Suggestion) -> EarlierRejection | None:
    """For a pending suggestion's card: the same question rejected before, if it was."""
    async with app.sessions() as session:
        return await _rejected_before(
            session, suggestion.guild_id, suggestion.text, itself=suggestion.id
        )


async def submit(
    app: App,
    client: discord.Client,
    guild_id: int,
    *,
    author_id: int,
    author_name: str,
    language: str,
    text: str,
    options: str | None,
    category: str | None,
) -> Suggestion:
    """Store a member's suggestion and put it in the review queue."""
    if (guild_id, author_id) in app.optouts:
        raise UserError("error-opted-out")
    checked = await bank.draft(app, guild_id, text=text, options=options, category=category)
    now = app.clock.now()
    async with app.bank_lock(guild_id), app.sessions.begin() as session:
        await guilds.lock_bank(session, guild_id)
        recent = await repo.recent_by_author(session, guild_id, author_id, now - WINDOW)
        if len(recent) >= PER_DAY:
            again = recent[len(recent) - PER_DAY] + WINDOW
            raise UserError("error-suggest-rate", n=PER_DAY, again=timestamp(again))
        await _refuse_banked(session, guild_id, checked.text)
        await _refuse_pending_duplicate(session, guild_id, checked.text)
        suggestion = await repo.add(
            session,
            Suggestion(
                guild_id=guild_id,
                author_id=author_id,
                author_name=storable_name(author_name),
                text=checked.text,
                options=list(checked.options),
                category=checked.category,
                language=language,
                status="pending",
                created_at=now,
            ),
        )
        await audit.record(
            session,
            guild_id,
            "suggestion_add",
            actor_id=author_id,
            actor_name=storable_name(author_name),
            target=str(suggestion.id),
            now=now,
        )
        guild = await guilds.get_guild(session, guild_id)
        earlier = await _rejected_before(session, guild_id, suggestion.text, itself=suggestion.id)
    if guild is not None and guild.review_channel_id is not None:
        await _post_for_review(app, client, guild, suggestion, earlier)
    return suggestion


async def _messageable(client: discord.Client, channel_id: int) -> discord.abc.Messageable | None:
    channel = client.get_channel(channel_id)
    if channel is None:
        channel = await client.fetch_channel(channel_id)
    return channel if isinstance(channel, discord.abc.Messageable) else None


async def _post_for_review(
    app: App,
    client: discord.Client,
    guild: Guild,
    suggestion: Suggestion,
    rejected_before: EarlierRejection | None = None,
) -> None:
    """One card in the review channel; on failure the suggestion waits in the list."""
    assert guild.review_channel_id is not None
    try:
        channel = await _messageable(client, guild.review_channel_id)
        if channel is None:
            return
        view = review_view(suggestion.id, guild.language)
        message = await channel.send(
            embed=review_embed(suggestion, guild.language, rejected_before=rejected_before),
            view=view,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        view.stop()  # the dynamic items answer; no view is kept per card
    except discord.HTTPException as error:
        log.warning(
            "suggestion %s not posted for review in guild %s: HTTP %s",
            suggestion.id,
            guild.id,
            error.status,
        )
        return
    except NO_ANSWER as error:  # stored all the same
        log.warning(
            "suggestion %s not posted for review in guild %s: %r", suggestion.id, guild.id, error
        )
        return
    try:
        async with app.sessions.begin() as session:
            await repo.set_review_message(
                session, suggestion.id, channel_id=message.channel.id, message_id=message.id
            )
    except Exception:
        # A card the database does not know could be neither updated from the list nor
        # removed when the member erases her data: it goes; the suggestion waits in the list.
        log.warning("review card of suggestion %s not recorded: withdrawn", suggestion.id)
        with contextlib.suppress(discord.HTTPException):
            await message.delete()
        return
    suggestion.review_channel_id, suggestion.review_message_id = message.channel.id, message.id


async def review_channels_gone(app: App, client: discord.Client) -> None:
    """At a new session, the review channels deleted while the bot was away let go, as
    :func:`lifecycle.review_channel_deleted` lets one deleted live go. One out of the cache
    is asked of Discord: an archived thread is out of it too, and only « not found » means
    deleted (a refusal or Discord's bad moment leaves the setting as it is)."""
    async with app.sessions() as session:
        configured = await guilds.configured_guilds(session)
    for guild in configured:
        channel_id = guild.review_channel_id
        server = client.get_guild(guild.id)
        if channel_id is None or server is None or server.unavailable:
            continue
        if server.get_channel_or_thread(channel_id) is not None:
            continue
        try:
            await client.fetch_channel(channel_id)
        except discord.NotFound:
            log.info("review channel of guild %s deleted while the bot was away", guild.id)
            await lifecycle.review_channel_deleted(app, guild.id, channel_id)
        except (discord.HTTPException, OSError, TimeoutError) as error:
            log.warning("review channel of guild %s not checked at start: %r", guild.id, error)


CARDS_CHECKED_AT_START = 50
"""Pending suggestions' cards a new session asks Discord for, per server (one request each)."""


async def cards_deleted(
    app: App, guild_id: int | None, channel_id: int, message_ids: Collection[int]
) -> int:
    """Messages deleted in Discord, live: the review cards among them (staff deleting one
    by hand) leave their pending suggestions without a card, which ``/setup`` and
    ``/schedule show`` count (``/question suggestions`` still opens one). Returns how many."""
    if guild_id is None or not message_ids:
        return 0
    async with app.sessions() as session:
        found = await repo.with_card(session, guild_id, channel_id, message_ids)
    if found:
        async with app.sessions.begin() as session:
            await repo.cards_gone(session, guild_id, [s for s, _ in found])
        log.info("review cards of %d suggestions deleted in guild %s", len(found), guild_id)
    return len(found)


async def review_cards_gone(app: App, client: discord.Client) -> None:
    """At a new session, the pending suggestions' cards deleted while the bot was away, as
    :func:`cards_deleted` notices one deleted live: each card in the review channel is
    asked of Discord (the oldest :data:`CARDS_CHECKED_AT_START` of each server); only
    « not found » means deleted (a refusal or Discord's bad moment leaves it counted)."""
    async with app.sessions() as session:
        configured = await guilds.configured_guilds(session)
    for guild in configured:
        server = client.get_guild(guild.id)
        if guild.review_channel_id is None or server is None or server.unavailable:
            continue
        channel = server.get_channel_or_thread(guild.review_channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            continue
        async with app.sessions() as session:
            cards = await repo.with_card(session, guild.id, channel.id)
        gone: list[int] = []
        for suggestion_id, message_id in cards[:CARDS_CHECKED_AT_START]:
            try:
                await channel.get_partial_message(message_id).fetch()
            except discord.NotFound:
                gone.append(suggestion_id)
            except (discord.HTTPException, OSError, TimeoutError) as error:
                log.warning("review cards of guild %s not checked at start: %r", guild.id, error)
                break
        if gone:
            async with app.sessions.begin() as session:
                await repo.cards_gone(session, guild.id, gone)
            log.info("%d review cards of guild %s deleted while away", len(gone), guild.id)


async def get_pending(app: App, guild_id: int, suggestion_id: int) -> Suggestion:
    async with app.sessions() as session:
        return await _pending(session, guild_id, suggestion_id)


async def _pending(session: AsyncSession, guild_id: int, suggestion_id: int) -> Suggestion:
    """The server's suggestion still waiting for staff, or the refusal that says why not."""
    found = await repo.get(session, guild_id, suggestion_id)
    if found is None:
        raise NotFound("suggestion")
    if found.status != "pending":
        raise UserError("error-suggestion-decided", id=found.id)
    return found


async def approve(
    app: App,
    guild_id: int,
    suggestion_id: int,
    *,
    actor_id: int,
    actor_name: str | None = None,
    up_next: bool,
) -> Decision:
    """Put the suggestion in the bank, at the end or to be posted next (a French one with
    French spacing: :func:`bank.typeset`). Nothing is sent: :func:`after_decision` does,
    once the click is answered."""
    now = app.clock.now()
    async with app.bank_lock(guild_id), app.sessions.begin() as session:
        await guilds.lock_bank(session, guild_id)
        suggestion = await _pending(session, guild_id, suggestion_id)
        guild = await guilds.get_guild(session, guild_id)
        if guild is None:
            raise UserError("error-not-setup")
        # set as staff's own question would be (one suggested before it was is set now)
        text = bank.typeset(suggestion.text, guild.language)
        await bank.refuse_duplicate(session, guild_id, text)
        ahead = await questions.count_ready_up_next(session, guild_id) if up_next else 0
        (question,) = await questions.add_questions(
            session,
            guild_id,
            [(text, guild.language, list(suggestion.options), None)],
            now=now,
            category=suggestion.category,
            suggested_by=suggestion.author_id,
            up_next=up_next,
        )
        await _decide(
            session,
            suggestion,
            "approved",
            actor_id=actor_id,
            actor_name=actor_name,
            now=now,
            question_id=question.id,
        )
    suggestion.status, suggestion.decided_by, suggestion.decided_at = "approved", actor_id, now
    suggestion.question_id = question.id
    rotation = tuple(guild.categories or ())
    outside = rotation if not up_next and bank.outside(rotation, question.category) else ()
    return Decision(suggestion, question, up_next, outside, ahead)


async def reject(
    app: App,
    guild_id: int,
    suggestion_id: int,
    *,
    actor_id: int,
    actor_name: str | None = None,
    reason: str | None,
) -> Decision:
    """Turn the suggestion down, with an optional reason the suggester is told (one that
    shows nothing, zero-width characters only, is none). Nothing is sent, as in
    :func:`approve`."""
    reason = " ".join(storable(reason or "").split())[:MAX_REASON]
    reason = reason if visible(reason) else None
    now = app.clock.now()
    async with app.sessions.begin() as session:
        suggestion = await _pending(session, guild_id, suggestion_id)
        await _decide(
            session,
            suggestion,
            "rejected",
            actor_id=actor_id,
            actor_name=actor_name,
            now=now,
            reason=reason,
        )
    suggestion.status, suggestion.decided_by, suggestion.decided_at = "rejected", actor_id, now
    suggestion.reason = reason
    return Decision(suggestion)


async def rewrite(
    app: App,
    guild_id: int,
    suggestion_id: int,
    *,
    actor_id: int,
    actor_name: str | None = None,
    text: str,
    options: str | None,
    category: str | None,
) -> Suggestion:
    """Staff's edit of a pending suggestion, checked as a new question would be (the other
    card redrawn by :func:`after_edit`, once the form is answered)."""
    checked = await bank.draft(app, guild_id, text=text, options=options, category=category)
    now = app.clock.now()
    async with app.bank_lock(guild_id), app.sessions.begin() as session:
        await guilds.lock_bank(session, guild_id)
        suggestion = await _pending(session, guild_id, suggestion_id)
        await bank.refuse_duplicate(session, guild_id, checked.text)
        await _refuse_pending_duplicate(session, guild_id, checked.text, itself=suggestion.id)
        if not await repo.rewrite(
            session,
            suggestion.id,
            text=checked.text,
            options=list(checked.options),
            category=checked.category,
        ):
            raise UserError("error-suggestion-decided", id=suggestion.id)
        await audit.record(
            session,
            guild_id,
            "suggestion_edit",
            actor_id=actor_id,
            actor_name=actor_name,
            target=str(suggestion.id),
            now=now,
        )
    suggestion.text, suggestion.options = checked.text, list(checked.options)
    suggestion.category = checked.category
    return suggestion


_AUDITED_AS = {"approved": "suggestion_approve", "rejected": "suggestion_reject"}


async def _decide(
    session: AsyncSession,
    suggestion: Suggestion,
    status: str,
    *,
    actor_id: int,
    actor_name: str | None,
    now: datetime,
    question_id: int | None = None,
    reason: str | None = None,
) -> None:
    """Staff's decision on a pending suggestion, taken once: ``pending`` → ``status`` is a
    conditional update, so of two moderators clicking together the second is refused (and
    her transaction rolls back). The audit log keeps who decided."""
    if not await repo.decide(
        session,
        suggestion.id,
        status=status,
        by=actor_id,
        at=now,
        reason=reason,
        question_id=question_id,
    ):
        raise UserError("error-suggestion-decided", id=suggestion.id)
    await audit.record(
        session,
        suggestion.guild_id,
        _AUDITED_AS[status],
        actor_id=actor_id,
        actor_name=actor_name,
        target=str(suggestion.id),
        now=now,
    )


async def after_decision(
    app: App, client: discord.Client, decision: Decision, shown_in: int | None
) -> bool:
    """What a decision sends, once the click that took it is answered: the card in the
    review channel redrawn (unless it is the card clicked, ``shown_in``), the suggester
    told. Whether she was told: False when no DM could be sent (her DMs closed, Discord
    refusing, slow or unreachable); the decision stands all the same."""
    await _refresh_card(app, client, decision, shown_in, pending=False)
    return await _tell_suggester(client, decision)


async def after_edit(
    app: App, client: discord.Client, suggestion: Suggestion, shown_in: int | None
) -> None:
    """Once the edit form is answered: the card in the review channel shows the edit."""
    await _refresh_card(app, client, Decision(suggestion), shown_in, pending=True)


async def _refresh_card(
    app: App, client: discord.Client, decision: Decision, shown_in: int | None, *, pending: bool
) -> None:
    """Update the card in the review channel, unless that is the card just clicked."""
    suggestion = decision.suggestion
    if suggestion.review_message_id is None or suggestion.review_channel_id is None:
        return
    if suggestion.review_message_id == shown_in:
        return
    lang = app.guild_language(suggestion.guild_id)
    try:
        channel = await _messageable(client, suggestion.review_channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            return
        embed = review_embed(
            suggestion,
            lang,
            up_next=decision.up_next,
            outside=decision.outside,
            ahead=decision.ahead,
            rejected_before=await rejected_before(app, suggestion) if pending else None,
        )
        view = review_view(suggestion.id, lang) if pending else None
        await channel.get_partial_message(suggestion.review_message_id).edit(embed=embed, view=view)
        if view is not None:
            view.stop()
    except discord.HTTPException as error:
        log.info("review card of suggestion %s not updated: HTTP %s", suggestion.id, error.status)
    except NO_ANSWER as error:
        log.warning("review card of suggestion %s not updated: %r", suggestion.id, error)


async def _tell_suggester(client: discord.Client, decision: Decision) -> bool:
    """A DM in the suggester's language; whether it was sent."""
    suggestion = decision.suggestion
    lang = suggestion.language
    server = client.get_guild(suggestion.guild_id)
    name = safe(server.name, 100, one_line=True) if server is not None else "—"
    text = safe(suggestion.text, 500, one_line=True)
    if suggestion.status == "approved":
        # the end of the bank is weeks away; out of the categories posted, never reached;
        # chosen to go next after others, not the next post
        if decision.up_next:
            next_ = "queued" if decision.ahead else "yes"
        else:
            next_ = "outside" if decision.outside else "no"
        content = t("suggestion-dm-approved", lang, server=name, text=text, next=next_)
    else:
        content = t("suggestion-dm-rejected", lang, server=name, text=text)
        if suggestion.reason:
            content += "\n" + t(
                "review-reason", lang, reason=safe(suggestion.reason, 500, one_line=True)
            )
    try:
        user = client.get_user(suggestion.author_id) or await client.fetch_user(
            suggestion.author_id
        )
        await user.send(content, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as error:  # DMs closed (403), or Discord's bad moment
        log.info("suggester of %s not told (HTTP %s)", suggestion.id, error.status)
        return False
    except NO_ANSWER as error:  # no answer at all
        log.warning("suggester of %s not told: %r", suggestion.id, error)
        return False
    return True


async def pending(
    app: App, guild_id: int, cursor: int = 0, *, backward: bool = False
) -> tuple[list[Suggestion], int, bool]:
    """A page of pending suggestions (oldest first) after the id ``cursor``, or the page
    before it (``backward``); how many wait; and whether more follow in that direction."""
    async with app.sessions() as session:
        rows = await repo.pending_page(
            session,
            guild_id,
            after_id=0 if backward else cursor,
            before_id=cursor if backward else None,
            limit=PAGE + 1,
        )
        total = await repo.count_pending(session, guild_id)
    shown, more = page_of(rows, PAGE, backward=backward)
    return shown, total, more
