"""The demo's simulated server, and its members playing the dialogue through SimCord."""

from __future__ import annotations

import re
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

from bot.demo.script import Dialogue, Line

REFRESH_SECONDS = 60.0
"""How often the question post's live counts are redrawn in the demo (virtual time)."""


class DemoServer:
    """The server, its members and what they do, as SimCord actors."""

    def __init__(self, env: Any, bot: Any, clock: Any, dialogue: Dialogue, members: int) -> None:
        self.env, self.bot, self.clock, self.dialogue = env, bot, clock, dialogue
        self.names = dialogue.names[: max(2, min(members, len(dialogue.names)))]
        self.guild: Any = None
        self.forum: Any = None
        self.mod: Any = None
        self.actors: dict[str, Any] = {}
        self.thread: Any = None
        self.discussion: Any = None
        self.reactions = 0

    def who(self, name: str) -> str:
        """The member playing ``name`` (fewer members than the script share the roles)."""
        if name in self.names:
            return name
        return self.names[self.dialogue.names.index(name) % len(self.names)]

    def actor(self, name: str) -> Any:
        return self.actors[self.who(name)]

    async def settle(self) -> None:
        await self.env.settle()
        await self.bot.app.buffer.drain()

    async def build(self) -> None:
        import discord

        self.env.backend.edit_bot_profile(self.dialogue.bot_name)
        self.guild = self.env.create_guild(self.dialogue.server, preferred_locale="fr")
        self.forum = self.guild.create_forum_channel(self.dialogue.forum)
        staff = self.guild.create_role(
            "modération", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        moderator = self.env.create_user(self.dialogue.moderator)
        self.mod = self.guild.add_member(moderator, roles=[staff])
        for name in self.names:
            self.actors[name] = self.guild.add_member(self.env.create_user(name))

    async def open_discussion(self) -> None:
        import simcord
        from sqlalchemy import select

        from db.models import Discussion

        # The server's language as its Discord locale (fr) would give it: SimCord stamps
        # every interaction's guild_locale en-US, whatever the guild's preferred_locale.
        await self.mod.slash(self.forum, "setup", channel=self.forum, language="fr")
        posted = await self.mod.slash(self.forum, "question post")
        if posted.response is None:
            raise RuntimeError("/question post gave no answer")
        await self.settle()
        async with self.bot.app.sessions() as session:
            self.discussion = (await session.scalars(select(Discussion))).one()
        channel = self.env.backend.channels[self.discussion.thread_id]
        self.thread = simcord.ChannelHandle(self.env, self.guild, channel)

    def post(self) -> Any:
        """The question post (the forum thread's starter message)."""
        for message in self.thread.history():
            if message.id == self.discussion.message_id:
                return message
        raise LookupError(self.discussion.message_id)

    async def converse(self) -> list[Any]:
        """The thread written line by line, a mistake, stance clicks, an edit, reactions."""
        mistake = self.dialogue.mistake
        sent: list[Any] = []
        clicks = iter(self.dialogue.stance_clicks)
        for index, line in enumerate(self.dialogue.lines):
            sent.append(await self.write(line, sent))
            if index == mistake.after_line:
                wrong = await self.actor(mistake.author).send(self.thread, mistake.text)
            if index == mistake.deleted_after_line:
                await self.actor(mistake.author).delete(wrong)
            if index % 2 == 1:  # stance clicks come along the conversation
                click = next(clicks, None)
                if click is not None:
                    await self.stance(*click)
        for click in clicks:
            await self.stance(*click)
        edited, text = self.dialogue.edit
        await self.actor(self.dialogue.lines[edited].author).edit(sent[edited], text)
        for name, target, emoji in self.dialogue.reactions:
            reactor = self.actor(name)
            if reactor.id != sent[target].author.id:
                await reactor.react(sent[target], emoji)
                self.reactions += 1
        await self.settle()
        return sent

    async def write(self, line: Line, sent: list[Any]) -> Any:
        """One line in the thread: a message, or the « Répondre » form."""
        from bot import custom_ids

        actor = self.actor(line.author)
        if line.via_modal:
            shown = await actor.click(self.post(), custom_id=custom_ids.reply(self.discussion.id))
            field = shown.modal["components"][0]["components"][0]["custom_id"]
            await actor.submit_modal(shown, {field: line.text})
            await self.settle()
            return self.thread.last_message
        target = sent[line.reply_to] if line.reply_to is not None else None
        return await actor.send(self.thread, line.text, reply_to=target)

    async def stance(self, name: str, option: int) -> None:
        from bot import custom_ids

        await self.actor(name).click(
            self.post(), custom_id=custom_ids.stance(self.discussion.id, option)
        )

    async def vote_on_cards(self, sent: list[Any]) -> int:
        """Some members open « Donner mon avis » and vote on the replies it shows them."""
        from bot import custom_ids

        authors = {m.id: self.name_of(m) for m in sent}
        votes = 0
        for name in dict.fromkeys(self.who(v) for v in self.dialogue.card_voters):
            shown = await self.actors[name].click(
                self.post(), custom_id=custom_ids.card(self.discussion.id)
            )
            for _ in range(self.dialogue.card_votes_each):
                card = shown.response
                if card is None or not card.embeds:
                    break
                reply_id = _reply_of_card(card)
                author = authors.get(reply_id, name)
                value = self.vote_value(name, author if author in self.dialogue.camps else name)
                shown = await self.actors[name].click(
                    card.message,
                    custom_id=custom_ids.vote(self.discussion.id, reply_id, value),
                )
                votes += 1
        await self.settle()
        return votes

    def vote_value(self, voter: str, author: str) -> int:
        """How a voter judges a reply: agree with their camp, disagree with the other."""
        mine, theirs = self.dialogue.camps[voter], self.dialogue.camps[author]
        if mine == theirs:
            return 1
        if 2 in (mine, theirs):  # the nuanced camp is half-convinced either way
            return 0 if (len(voter) + len(author)) % 2 else 1
        return -1

    def name_of(self, message: Any) -> str:
        """The script name of a message's author (the modal's posts are the bot's)."""
        match = re.match(r"\*\*(.+?)\*\*", message.content or "")
        if message.author.bot and match:
            return match.group(1)
        return str(message.author.name)

    async def close(self) -> None:
        await self.env.advance_time(REFRESH_SECONDS + 1)  # the last live-count redraw
        closes_at = self.discussion.closes_at
        if closes_at.tzinfo is None:  # SQLite gives naive UTC datetimes back
            closes_at = closes_at.replace(tzinfo=UTC)
        self.clock.set(closes_at + timedelta(minutes=1))
        await self.bot.scheduler.tick()
        await self.settle()

    async def export(self, path: Path) -> int:
        from bot.services import cli_ops

        with path.open("w", encoding="utf-8", newline="") as out:
            return await cli_ops.export(self.bot.app.sessions, self.guild.id, None, "jsonl", out)


def _reply_of_card(card: Any) -> int:
    """The reply a voting card shows, read from its vote buttons."""
    for row in card.components:
        for item in row.get("components", []):
            found = re.fullmatch(r"etvous:vote:\d+:(\d+):-?\d", item.get("custom_id") or "")
            if found:
                return int(found.group(1))
    raise LookupError("no vote button on the card")
