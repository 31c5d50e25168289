"""The web review room's reads: discussions, a discussion's replies, a member, the audit log.

Everything is scoped to one server: a discussion of another server is
:class:`~bot.errors.NotFound` exactly as one that does not exist. Results are
plain frozen dataclasses for the web adapter to render.

Counts are read afresh on every page (a few index reads); the summary, which
costs an analysis, is cached by :mod:`bot.services.summary_cache` until what
it is computed from changes.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as day_start
from typing import Literal, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.analysis.language import clear_language
from bot.app import App
from bot.cron import zone_or_utc
from bot.discord_text import shown_name
from bot.errors import NotFound
from db.models import Discussion
from db.repositories import discussions as discussion_repo
from db.repositories import guilds as guild_repo
from db.repositories import reports as report_repo
from db.repositories import review as repo
from db.text_search import terms as search_terms

PAGE = 20
KNOWN_MEMBERS_TTL = 60.0
SERVER_TTL = 5.0


def jump_url(guild_id: int, thread_id: int | None, message_id: int | None = None) -> str | None:
    if thread_id is None:
        return None
    tail = f"/{message_id}" if message_id is not None else ""
    return f"https://discord.com/channels/{guild_id}/{thread_id}{tail}"


@dataclass(frozen=True, slots=True)
class Server:
    id: int
    language: str
    timezone: str
    report_names: bool
    name: str
    """As staff read it in the room's header: Discord's name (cleaned, cut) from the bot's
    cache, else the one stored (``server_names``), else the id."""


@dataclass(frozen=True, slots=True)
class DiscussionItem:
    id: int
    question: str
    options: tuple[str, ...]
    language: str
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None
    replies: int | None
    participants: int | None
    """``None`` when not asked for (the replies browser)."""
    share: float | None
    """Participants over the server's members (``None`` when unknown)."""
    thread_url: str | None
    report_id: str | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True, slots=True)
class DiscussionsPage:
    items: tuple[DiscussionItem, ...]
    next_before: int | None
    members: int | None
    members_known_only: bool
    """``members`` counts only members seen taking part (Discord's count unknown)."""


@dataclass(frozen=True, slots=True)
class ReplyFilters:
    """The replies list's search box, filters, sort and cursor, as the page asked."""

    q: str = ""
    option: int | None = None
    basis: Literal["declared", "inferred"] = "declared"
    member: int | None = None
    since: date | None = None
    until: date | None = None
    votes: Literal["with", "without"] | None = None
    sort: Literal["new", "old", "votes"] = "new"
    after: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    text: str
    replaced_at: datetime
    text_language: str | None


@dataclass(frozen=True, slots=True)
class ReplyView:
    id: int
    author_id: int
    author_name: str
    text: str
    created_at: datetime
    edited_at: datetime | None
    deleted: bool
    erased_by: str | None
    """Who erased a deleted reply: ``discord`` (deleted there), ``member``, ``staff``, ``retention``."""
    via_modal: bool
    reply_to: int | None
    agree: int
    disagree: int
    passed: int
    revisions: tuple[Revision, ...]
    declared: str | None
    """The author's declared stance in the discussion."""
    inferred: str | None
    """The reply's stance as the summary infers it."""
    url: str | None
    text_language: str | None
    """The language the text is clearly written in (``"en"``, ``"fr"``: its stop words,
    :func:`~bot.analysis.language.clear_language`), ``None`` when unsure: a page in
    another marks it, for screen readers' voices."""
    options_language: str | None = None
    """The discussion's language, that of ``declared`` and ``inferred``: a page in another
    marks them."""


@dataclass(frozen=True, slots=True)
class RepliesPage:
    items: tuple[ReplyView, ...]
    next_after: tuple[int, int] | None
    terms: tuple[str, ...]


InferredLookup = Callable[[], "dict[int, str] | None"]


async def server_exists(app: App, guild_id: int) -> bool:
    async with app.sessions() as session:
        return await guild_repo.get_guild(session, guild_id) is not None


_Kept = TypeVar("_Kept")

MemberCount = Callable[[int], Awaitable[int | None]]
"""A server's member count, from Discord (``None``: not known)."""

Present = Callable[[int, frozenset[int]], Awaitable[frozenset[int]]]
"""Those of these users still members of a server, from Discord."""


async def _no_count(_guild_id: int) -> int | None:
    return None


def _monotonic() -> float:
    """``time.monotonic`` looked up at each call (a simulated clock may replace it)."""
    return time.monotonic()


class ReviewRoom:
    """The review room's reads for one app, with their caches."""

    def __init__(
        self,
        app: App,
        *,
        member_count: MemberCount | None = None,
        present: Present | None = None,
        clock: Callable[[], float] | None = None,
    ):
        self.app = app
        self._clock = clock or _monotonic
        self._member_count = member_count or _no_count
        self._present = present
        self._known: dict[int, tuple[float, int]] = {}
        self._opted_out: dict[int, tuple[float, frozenset[int]]] = {}
        self._servers: dict[int, tuple[float, Server]] = {}
        self._swept = self._clock()

    def _sweep(self, now: float) -> None:
        """Forget, once a ``KNOWN_MEMBERS_TTL``, what is too old to be used again: each
        cache holds only the servers visited lately, not every one ever visited."""
        if now - self._swept < KNOWN_MEMBERS_TTL:
            return
        self._swept = now
        for kept, ttl in (
            (self._known, KNOWN_MEMBERS_TTL),
            (self._opted_out, KNOWN_MEMBERS_TTL),
            (self._servers, SERVER_TTL),
        ):
            for guild_id in [g for g, (at, _) in kept.items() if now - at > ttl]:
                del kept[guild_id]

    def cached(self) -> int:
        """Entries kept in the caches (for tests and benchmarks)."""
        return len(self._known) + len(self._opted_out) + len(self._servers)

    async def server(self, guild_id: int) -> Server:
        """The server's language, time zone and report setting (kept a few seconds)."""
        kept = self._servers.get(guild_id)
        if kept is not None and self._clock() - kept[0] < SERVER_TTL:
            return kept[1]
        async with self.app.sessions() as session:
            guild = await guild_repo.get_guild(session, guild_id)
        stored = guild.name if guild is not None else None
        name = (
            shown_name(self.app.server_name(guild_id) or "")  # the bot's cache: fresher
            or shown_name(stored or "")  # the room alone, or a server that removed the bot
            or str(guild_id)
        )
        if guild is None:
            found = Server(guild_id, self.app.guild_language(guild_id), "UTC", False, name)
        else:
            found = Server(guild.id, guild.language, guild.timezone, guild.report_names, name)
        now = self._clock()
        self._sweep(now)
        if len(self._servers) > 10_000:
            self._servers.clear()
        self._servers[guild_id] = (now, found)
        return found

    def forget_server(self, guild_id: int) -> None:
        """Read the server's settings afresh next time (they were just changed)."""
        self._servers.pop(guild_id, None)

    async def _members(self, guild_id: int) -> tuple[int | None, bool]:
        """The members the shares are of, and whether they are only those the bot saw
        take part: Discord's count without the members who opted out (their part is left
        out, so is their place in the whole; with ``present``, only those still members: one
        who left is out of Discord's count already), else those who took part."""
        counted = await self._member_count(guild_id)
        if counted:
            opted_out = await self._kept(
                self._opted_out, guild_id, lambda s: repo.opted_out_ids(s, guild_id)
            )
            if opted_out and self._present is not None:
                opted_out = await self._present(guild_id, opted_out)
            return max(counted - len(opted_out), 1), False
        known = await self._kept(self._known, guild_id, lambda s: repo.known_members(s, guild_id))
        return (known or None), True

    async def _kept(
        self,
        kept: dict[int, tuple[float, _Kept]],
        guild_id: int,
        read: Callable[[AsyncSession], Awaitable[_Kept]],
    ) -> _Kept:
        seen = kept.get(guild_id)
        if seen is None or self._clock() - seen[0] > KNOWN_MEMBERS_TTL:
            async with self.app.sessions() as session:
                seen = (self._clock(), await read(session))
            self._sweep(seen[0])
            kept[guild_id] = seen
        return seen[1]

    async def discussions(self, guild_id: int, *, before: int | None) -> DiscussionsPage:
        members, known_only = await self._members(guild_id)
        async with self.app.sessions() as session:
            rows = await repo.discussions_page(session, guild_id, before_id=before, limit=PAGE + 1)
            shown = rows[:PAGE]
            figures = await repo.figures(session, [d.id for d in shown])
            published = await report_repo.published_ids(session, guild_id)
        items = tuple(_item(d, figures[d.id], members, published.get(d.id)) for d in shown)
        next_before = shown[-1].id if len(rows) > PAGE else None
        return DiscussionsPage(items, next_before, members, known_only)

    async def discussion(
        self, guild_id: int, discussion_id: int, *, figures: bool = True
    ) -> DiscussionItem:
        """One discussion of the server (``NotFound`` otherwise); its figures, report and
        share of members unless ``figures`` is false (the replies browser needs none)."""
        members = (await self._members(guild_id))[0] if figures else None
        async with self.app.sessions() as session:
            d = await discussion_repo.get_discussion(session, guild_id, discussion_id)
            if d is None:
                raise NotFound("discussion")
            if not figures:
                return _item(d, None, None, None)
            counted = (await repo.figures(session, [d.id]))[d.id]
            report = await report_repo.of_discussion(session, d.id)
        return _item(d, counted, members, report.id if report else None)

    async def replies(
        self,
        server: Server,
        discussion: DiscussionItem,
        filters: ReplyFilters,
        *,
        inferred: dict[int, str] | None = None,
        limit: int = PAGE,
    ) -> RepliesPage:
        """A page of the discussion's replies as ``filters`` ask.

        ``inferred`` maps reply ids to the option the summary infers for them:
        needed to filter by inferred stance, shown beside each reply when given.
        """
        async with self.app.sessions() as session:
            return await self._page(session, server, discussion, filters, inferred, limit)

    async def browse(
        self, server: Server, discussion_id: int, filters: ReplyFilters
    ) -> tuple[DiscussionItem, RepliesPage]:
        """The discussion (``NotFound`` unless the server's) and a page of its replies,
        read with one connection (the replies browser, without inferred stances)."""
        async with self.app.sessions() as session:
            d = await discussion_repo.get_discussion(session, server.id, discussion_id)
            if d is None:
                raise NotFound("discussion")
            item = _item(d, None, None, None)
            return item, await self._page(session, server, item, filters, None, PAGE)

    async def _page(
        self,
        session: AsyncSession,
        server: Server,
        discussion: DiscussionItem,
        filters: ReplyFilters,
        inferred: dict[int, str] | None,
        limit: int,
    ) -> RepliesPage:
        query = self._query(server, discussion, filters, inferred)
        rows = await repo.replies_page(session, discussion.id, query, limit=limit + 1)
        shown = rows[:limit]
        edited = [r.id for r in shown if r.edited_at is not None and not r.deleted]
        revisions = await repo.revisions_of(session, edited) if edited else {}
        thread = discussion.thread_url
        items = tuple(_reply_view(r, discussion, revisions, inferred, thread) for r in shown)
        last = shown[-1] if shown and len(rows) > limit else None
        next_after = (last.votes if filters.sort == "votes" else 0, last.id) if last else None
        return RepliesPage(items, next_after, query.terms)

    def _query(
        self,
        server: Server,
        discussion: DiscussionItem,
        filters: ReplyFilters,
        inferred: dict[int, str] | None,
    ) -> repo.ReplyQuery:
        zone, _ = zone_or_utc(server.timezone)
        option = filters.option
        valid_option = option is not None and 0 <= option < len(discussion.options)
        reply_ids: Sequence[int] | None = None
        declared_option = None
        if valid_option and filters.basis == "inferred":
            label = discussion.options[option or 0]
            reply_ids = sorted(r for r, o in (inferred or {}).items() if o == label)
        elif valid_option:
            declared_option = option
        elif option is not None:
            reply_ids = []  # an option the discussion does not have: nothing matches
        return repo.ReplyQuery(
            terms=search_terms(filters.q),
            author_id=filters.member,
            declared_option=declared_option,
            reply_ids=reply_ids,
            since=datetime.combine(filters.since, day_start(), zone) if filters.since else None,
            until=datetime.combine(filters.until + timedelta(days=1), day_start(), zone)
            if filters.until
            else None,
            votes=filters.votes,
            sort=filters.sort,
            after=filters.after,
            with_deleted=filters == ReplyFilters(after=filters.after, sort=filters.sort),
        )

    async def reply(self, guild_id: int, discussion_id: int, reply_id: int) -> ReplyView:
        """One reply of the discussion (for the delete confirmation)."""
        discussion = await self.discussion(guild_id, discussion_id, figures=False)
        server = await self.server(guild_id)
        page = await self.replies(
            server, discussion, ReplyFilters(sort="old", after=(0, reply_id - 1)), limit=1
        )
        if not page.items or page.items[0].id != reply_id:
            raise NotFound("reply")
        return page.items[0]

    async def erased(self, guild_id: int, discussion_id: int, reply_id: int) -> bool:
        """Whether ``reply_id`` is a reply of this server's discussion whose text is erased:
        the replies page says so after an erasure, from an address anyone can type
        (``?erased=``), so it checks it first."""
        try:
            return (await self.reply(guild_id, discussion_id, reply_id)).deleted
        except NotFound:
            return False


def _item(
    d: Discussion,
    figures: repo.DiscussionFigures | None,
    members: int | None,
    report_id: str | None,
) -> DiscussionItem:
    return DiscussionItem(
        id=d.id,
        question=d.question_text,
        options=tuple(d.options),
        language=d.language,
        opened_at=d.opened_at,
        closes_at=d.closes_at,
        closed_at=d.closed_at,
        replies=figures.replies if figures else None,
        participants=figures.participants if figures else None,
        share=min(1.0, figures.participants / members) if figures and members else None,
        thread_url=jump_url(d.guild_id, d.thread_id),
        report_id=report_id,
    )


def _reply_view(
    r: repo.ReplyRow,
    discussion: DiscussionItem,
    revisions: dict[int, list[tuple[str, datetime]]],
    inferred: dict[int, str] | None,
    thread_url: str | None,
) -> ReplyView:
    options = discussion.options
    option = r.declared
    return ReplyView(
        id=r.id,
        author_id=r.author_id,
        author_name=r.author_name,
        text="" if r.deleted else r.text,
        created_at=r.created_at,
        edited_at=r.edited_at,
        deleted=r.deleted,
        erased_by=r.erased_by if r.deleted else None,
        via_modal=r.via_modal,
        reply_to=r.reply_to,
        agree=r.agree,
        disagree=r.disagree,
        passed=r.passed,
        revisions=tuple(
            Revision(text, at, clear_language(text)) for text, at in revisions.get(r.id, [])
        ),
        declared=options[option] if option is not None and 0 <= option < len(options) else None,
        inferred=(inferred or {}).get(r.id),
        url=f"{thread_url}/{r.id}" if thread_url and not r.deleted else None,
        text_language=None if r.deleted else clear_language(r.text),
        options_language=discussion.language,
    )
