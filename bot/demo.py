"""``python -m bot demo``: the real bot on a simulated Discord (SimCord), offline.

A server "Cinéphiles" with a forum, the first seed question posted by a
moderator, a dozen members who reply in French, declare stances, edit,
delete, react and vote on the card; then the discussion closes and its
summary is posted. The terminal shows the thread as a member sees it; the
database, a JSONL export and the summary charts stay in the output folder.

No token and no network: SimCord plays Discord inside this process.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

log = logging.getLogger(__name__)

START = datetime(2026, 1, 1, tzinfo=UTC)
"""SimCord's own epoch, so the bot's clock and message timestamps agree.

A Thursday: the default schedule (Mondays 18:00) has no slot in the next
72 hours, so closing the discussion posts no second question.
"""

SERVER, FORUM, MODERATOR, BOT_NAME = "Cinéphiles", "et-vous", "Claire", "Et vous ?"
NAMES = (
    "Camille", "Théo", "Inès", "Lucas", "Manon", "Karim",
    "Sophie", "Julien", "Léa", "Mathis", "Nadia", "Hugo",
)  # fmt: skip

# Camps, by name: the option each member leans to (0 Oui, 1 Non, 2 Nuancé).
CAMP = {
    "Camille": 1, "Théo": 0, "Inès": 2, "Lucas": 1, "Manon": 0, "Karim": 2,
    "Sophie": 1, "Julien": 0, "Léa": 1, "Mathis": 2, "Nadia": 0, "Hugo": 1,
}  # fmt: skip


@dataclass(frozen=True)
class Line:
    """One message of the script: who writes it, what, and in answer to which line."""

    author: str
    text: str
    reply_to: int | None = None
    via_modal: bool = False


SCRIPT: tuple[Line, ...] = (
    Line(
        "Camille",
        "Honnêtement, non. Ce qui me touche au cinéma, c'est de savoir qu'un acteur a "
        "vraiment vécu quelque chose devant la caméra. Une performance générée, c'est une "
        "imitation d'émotion, pas une émotion.",
    ),
    Line(
        "Théo",
        "Je pense que si, et plus vite qu'on ne le croit. Les outils de génération vidéo "
        "progressent tous les six mois : d'ici dix ans, un petit studio pourra sortir un "
        "long métrage entier sans tournage.",
    ),
    Line(
        "Inès",
        "Entièrement généré, j'en doute. Mais pour les décors et les figurants, c'est déjà "
        "presque le cas. Le vrai débat, c'est où on place la limite.",
    ),
    Line(
        "Lucas",
        "Et les métiers ? Costumiers, éclairagistes, machinistes, doubleurs… Des milliers de "
        "gens vivent des tournages. Un film 100 % IA, c'est un plan social géant.",
    ),
    Line(
        "Manon",
        "On a dit la même chose du numérique et des effets spéciaux. Le cinéma s'est "
        "transformé, il n'a pas disparu. Et ça ouvrira la réalisation à des gens qui n'ont "
        "jamais eu de budget.",
    ),
    Line(
        "Karim",
        "Je vois un futur à deux vitesses : des films générés à la chaîne pour les "
        "plateformes, et un cinéma « fait main » qui deviendra un label de qualité, comme "
        "le vinyle pour la musique.",
    ),
    Line(
        "Sophie",
        "Le problème, c'est aussi l'image des acteurs. Qui autorise qu'on utilise le visage "
        "et la voix d'une actrice après sa mort ? Sans règles claires, c'est la porte "
        "ouverte à tout.",
    ),
    Line(
        "Julien",
        "Je comprends l'inquiétude, mais de nouveaux métiers vont apparaître : direction "
        "artistique des modèles, supervision, montage… Ce n'est pas zéro emploi, ce sont "
        "d'autres emplois.",
        reply_to=3,
    ),
    Line(
        "Léa",
        "Un scénario écrit par une IA, c'est la moyenne de tous les films qu'elle a vus. On "
        "aura des histoires lisses et prévisibles, sans point de vue. L'art a besoin de "
        "quelqu'un qui prend un risque.",
    ),
    Line(
        "Mathis",
        "Pour l'animation et les effets, oui, clairement. Pour les acteurs, je crois que le "
        "public restera attaché à de vrais visages : les influenceurs virtuels, la curiosité "
        "est vite passée.",
    ),
    Line(
        "Nadia",
        "Franchement, si le film est bon, est-ce que le spectateur se soucie de qui l'a "
        "fait ? Personne ne demande quel logiciel a servi à étalonner l'image.",
    ),
    Line(
        "Hugo",
        "Moi si, je m'en soucie. Je veux savoir qu'il y a eu un tournage, des erreurs, des "
        "prises ratées. Je suis pour une mention obligatoire « généré par IA » au générique.",
    ),
    Line(
        "Camille",
        "Justement, le spectateur s'en soucie quand il l'apprend. Regarde les polémiques sur "
        "les affiches générées : les gens se sentent trompés.",
        reply_to=10,
    ),
    Line(
        "Inès",
        "Il faudra aussi parler d'énergie : générer des heures de vidéo en haute définition, "
        "ce n'est pas gratuit pour la planète.",
    ),
    Line(
        "Manon",
        "Un réalisateur seul, avec une idée forte et un bon outil, c'est peut-être le retour "
        "du cinéma d'auteur, pas sa fin. Les grands studios perdraient leur monopole.",
    ),
    Line(
        "Lucas",
        "Les acteurs d'Hollywood se sont déjà mis en grève en partie pour ça. Ce n'est pas "
        "de la science-fiction, c'est une négociation qui se joue maintenant.",
    ),
    Line(
        "Karim",
        "Au minimum, les acteurs devraient être payés chaque fois que leur image sert à "
        "entraîner un modèle. Sinon on leur prend leur travail deux fois.",
    ),
    Line(
        "Sophie",
        "Et chez nous ? Les aides publiques financent des tournages, des emplois, des "
        "régions entières. Un film entièrement généré n'aurait pas sa place dans ce système.",
    ),
    Line(
        "Julien",
        "On n'arrêtera pas la technologie. Autant fixer les règles tout de suite : "
        "consentement, rémunération, transparence. Ensuite, laissons le public choisir.",
    ),
    Line(
        "Léa",
        "On ira voir les deux, mais pas pour les mêmes raisons : l'IA pour le spectacle, "
        "les humains pour l'émotion. Et je parie que la salle restera aux humains.",
        via_modal=True,
    ),
    Line(
        "Nadia",
        "Aujourd'hui les générateurs font encore des mains à six doigts, mais dans cinq ans "
        "plus personne ne verra la différence. La question sera juridique, pas technique.",
    ),
)

EDIT = (1, "Je pense que si, et plus vite qu'on ne le croit. Les outils de génération vidéo "
        "progressent tous les six mois : d'ici dix ans, peut-être moins, un petit studio "
        "pourra sortir un long métrage entier sans tournage.")  # fmt: skip
"""Théo sharpens his first message."""

MISTAKE = ("Hugo", "Quelqu'un a vu le dernier Miyazaki ? Ah pardon, mauvais fil 😅")
"""Posted, then deleted by its author."""

REACTIONS = (
    ("Sophie", 0, "👍"), ("Hugo", 0, "👍"), ("Nadia", 0, "👎"),
    ("Manon", 3, "👎"), ("Camille", 3, "👍"), ("Inès", 4, "🤷"),
    ("Lucas", 7, "👎"), ("Théo", 7, "👍"), ("Karim", 9, "👍"),
    ("Léa", 10, "👎"), ("Julien", 10, "👍"), ("Mathis", 11, "🤷"),
    ("Hugo", 12, "👍"), ("Nadia", 12, "👎"), ("Manon", 18, "👍"),
)  # fmt: skip
"""(who, script line, emoji): a reaction is a vote on the reply."""

STANCE_CLICKS = (
    ("Camille", 1), ("Théo", 0), ("Lucas", 1), ("Manon", 0), ("Karim", 2),
    ("Sophie", 1), ("Julien", 0), ("Léa", 1), ("Mathis", 0), ("Mathis", 2),
    ("Nadia", 0), ("Hugo", 1),
)  # fmt: skip
"""Stance buttons; Mathis changes his mind. Inès only writes (her stance is inferred)."""

REFRESH_SECONDS = 60.0
"""How often the question post's live counts are redrawn in the demo (virtual time)."""
WRITE_WINDOW = 0.01
"""The write-behind buffer's batch window in the demo, in seconds."""

CARD_VOTERS = ("Camille", "Théo", "Lucas", "Manon", "Sophie", "Julien", "Nadia", "Karim")
CARD_VOTES_EACH = 7


def _vote_value(voter: str, author: str) -> int:
    """How a voter judges a reply: agree with their camp, disagree with the other."""
    mine, theirs = CAMP[voter], CAMP[author]
    if mine == theirs:
        return 1
    if 2 in (mine, theirs):  # the nuanced camp is half-convinced either way
        return 0 if (len(voter) + len(author)) % 2 else 1
    return -1


class Demo:
    """The simulated server, its members and what they do."""

    def __init__(self, env: Any, bot: Any, clock: Any, members: int) -> None:
        self.env, self.bot, self.clock = env, bot, clock
        self.names = NAMES[: max(2, min(members, len(NAMES)))]
        self.guild: Any = None
        self.forum: Any = None
        self.mod: Any = None
        self.actors: dict[str, Any] = {}
        self.thread: Any = None
        self.discussion: Any = None
        self.reactions = 0

    def who(self, name: str) -> str:
        """The member playing ``name`` (fewer members than the script share the roles)."""
        return name if name in self.names else self.names[NAMES.index(name) % len(self.names)]

    async def settle(self) -> None:
        await self.env.settle()
        await self.bot.app.buffer.drain()

    async def build_server(self) -> None:
        import discord

        self.env.backend.edit_bot_profile(BOT_NAME)
        self.guild = self.env.create_guild(SERVER, preferred_locale="fr")
        self.forum = self.guild.create_forum_channel(FORUM)
        staff = self.guild.create_role(
            "modération", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        self.mod = self.guild.add_member(self.env.create_user(MODERATOR), roles=[staff])
        for name in self.names:
            self.actors[name] = self.guild.add_member(self.env.create_user(name))

    async def open_discussion(self) -> None:
        import simcord
        from sqlalchemy import select

        from db.models import Discussion

        await self.mod.slash(self.forum, "setup", channel=self.forum)
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
        from bot import custom_ids

        d = self.discussion.id
        sent: list[Any] = []
        clicks = iter(STANCE_CLICKS)
        for index, line in enumerate(SCRIPT):
            actor = self.actors[self.who(line.author)]
            if line.via_modal:
                shown = await actor.click(self.post(), custom_id=custom_ids.reply(d))
                field = shown.modal["components"][0]["components"][0]["custom_id"]
                await actor.submit_modal(shown, {field: line.text})
                await self.settle()
                sent.append(self.thread.last_message)
            else:
                target = sent[line.reply_to] if line.reply_to is not None else None
                sent.append(await actor.send(self.thread, line.text, reply_to=target))
            if index == 1:
                mistake = await self.actors[self.who(MISTAKE[0])].send(self.thread, MISTAKE[1])
            if index == 4:
                await self.actors[self.who(MISTAKE[0])].delete(mistake)
            if index % 2 == 1:  # stance clicks come along the conversation
                click = next(clicks, None)
                if click is not None:
                    await self.stance(*click)
        for click in clicks:
            await self.stance(*click)
        edited, text = EDIT
        await self.actors[self.who(SCRIPT[edited].author)].edit(sent[edited], text)
        for name, target, emoji in REACTIONS:
            reactor = self.actors[self.who(name)]
            if reactor.id != sent[target].author.id:
                await reactor.react(sent[target], emoji)
                self.reactions += 1
        await self.settle()
        return sent

    async def stance(self, name: str, option: int) -> None:
        from bot import custom_ids

        await self.actors[self.who(name)].click(
            self.post(), custom_id=custom_ids.stance(self.discussion.id, option)
        )

    async def vote_on_cards(self, sent: list[Any]) -> int:
        """Some members open « Donner mon avis » and vote on the replies it shows them."""
        from bot import custom_ids

        authors = {m.id: self.name_of(m) for m in sent}
        votes = 0
        for name in dict.fromkeys(self.who(v) for v in CARD_VOTERS):
            actor = self.actors[name]
            shown = await actor.click(self.post(), custom_id=custom_ids.card(self.discussion.id))
            for _ in range(CARD_VOTES_EACH):
                card = shown.response
                if card is None or not card.embeds:
                    break
                reply_id = _reply_of_card(card)
                author = authors.get(reply_id, name)
                value = _vote_value(name, author if author in CAMP else name)
                shown = await actor.click(
                    card.message,
                    custom_id=custom_ids.vote(self.discussion.id, reply_id, value),
                )
                votes += 1
        await self.settle()
        return votes

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


# ------------------------------------------------------------------ display


_LINK = re.compile(r"\[([^\]]*)\]\((?:https?|attachment)://[^)]*\)")
_TIMESTAMP = re.compile(r"<t:(\d+)(?::[tTdDfFR])?>")


def plain(text: str | None) -> str:
    """Discord markdown as a terminal shows it: links reduced to their text, dates written."""
    text = _LINK.sub(lambda m: "" if m.group(1) == "↗" else m.group(1), text or "")
    text = _TIMESTAMP.sub(
        lambda m: datetime.fromtimestamp(int(m.group(1)), UTC).strftime("le %d/%m/%Y à %H:%M UTC"),
        text,
    )
    text = text.replace("**", "").replace("\\", "")
    return "\n".join(line.rstrip() for line in text.splitlines())


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.splitlines())


def show_embed(embed: Any, out: TextIO) -> None:
    title = plain(embed.title)
    if title:
        print(f"  ┃ {title}", file=out)
    description = plain(embed.description)
    if description and not description.startswith(title.rstrip("…")):
        print(_indent(description, "  ┃ "), file=out)
    elif description and description != title:  # the title was the question, cut
        print(_indent(description[len(title.rstrip("…")) :].lstrip(), "  ┃ "), file=out)
    for field in embed.fields:
        print(f"  ┃ ▸ {plain(field.name)}", file=out)
        print(_indent(plain(field.value), "  ┃     "), file=out)
    if embed.footer and embed.footer.text:
        print(f"  ┃ — {plain(embed.footer.text)}", file=out)


def show_thread(demo: Demo, out: TextIO) -> Any:
    """The thread as a member sees it; returns the closing message."""
    messages = [m for m in demo.thread.history() if not m.flags.ephemeral]
    by_id = {m.id: m for m in messages}
    print(f"\n══ #{FORUM} › {demo.thread.name}", file=out)
    closing = None
    for message in messages:
        name = message.author.display_name
        if message.id == demo.discussion.message_id:
            print(f"\n[{name}] publie la question :", file=out)
            for embed in message.embeds:
                show_embed(embed, out)
            buttons = [c.label for row in message.components for c in row.children]
            print(f"  [ {' ] [ '.join(b or '?' for b in buttons)} ]", file=out)
            print("", file=out)
            continue
        if message.embeds and message.attachments:
            closing = message
            continue
        head = name
        if message.reference and message.reference.message_id in by_id:
            head += f" (en réponse à {by_id[message.reference.message_id].author.display_name})"
        edited = " (modifié)" if message.edited_at else ""
        text = plain(message.content).replace("\n", "\n    ")
        print(f"{head} : {text}{edited}", file=out)
        counts = "  ".join(f"{r.emoji} {r.count}" for r in message.reactions)
        if counts:
            print(f"    {counts}", file=out)
    if closing is not None:
        print(f"\n[{closing.author.display_name}] {plain(closing.content)}", file=out)
        for embed in closing.embeds:
            print("", file=out)
            show_embed(embed, out)
        names = ", ".join(a.filename for a in closing.attachments)
        print(f"\n  Graphiques joints : {names}", file=out)
    return closing


# ------------------------------------------------------------------ entry point


def _quiet_logging() -> None:
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for noisy in ("simcord", "apscheduler", "aiosqlite", "sqlalchemy", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # discord.py's start-up notes (no voice support, intents) say nothing about the demo.
    logging.getLogger("discord").setLevel(logging.ERROR)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def _run(output: Path, members: int, out: TextIO) -> int:
    import simcord

    from bot import create_bot
    from bot.clock import ManualClock
    from bot.config import Settings
    from bot.services.refresh import PostRefresher
    from bot.write_behind import WriteBehind, session_writer

    database = output / "demo.db"
    _remove_database(database)
    clock = ManualClock(START)
    bot = create_bot(
        Settings(database_url=f"sqlite+aiosqlite:///{database}"),
        clock=clock,
        timers=False,
        sync_commands=False,
    )
    # Two wall-clock waits of production, shortened: SimCord runs sleeps shorter
    # than its settle timeout in real time, and members here act one at a time.
    # The write-behind batch window (100 ms) becomes 10 ms; the question post's
    # live counts (redrawn at most every 5 s) are redrawn once a virtual minute.
    bot.app.buffer = WriteBehind(session_writer(bot.app.sessions), max_delay=WRITE_WINDOW)
    bot.refresher = PostRefresher(bot.app, bot, interval=REFRESH_SECONDS)
    try:
        async with simcord.run(bot, shard_count=1) as env:
            await bot.tree.sync()
            demo = Demo(env, bot, clock, members)
            closing, files = await _play(demo, output, out)
    finally:
        # SimCord does not close the bot: flush its writes and close the
        # database so demo.db is whole, with no -wal file beside it.
        bot.refresher.cancel()
        await bot.app.close()
    print(f"\nLaissé dans {output}/ :", file=out)
    for path in [database, *files]:
        print(f"  {path}", file=out)
    print(f"\nPour analyser l'export : python -m bot analyze {output / 'export.jsonl'}", file=out)
    print(
        "Pour l'ouvrir dans un navigateur (salle d'examen) : python -m bot web "
        f"--database-url sqlite+aiosqlite:///{database} --guild {demo.guild.id}",
        file=out,
    )
    return 0 if closing is not None else 1


async def _play(demo: Demo, output: Path, out: TextIO) -> tuple[Any, list[Path]]:
    """The story, from the empty server to the summary; returns the closing message and files."""
    await demo.build_server()
    print(
        f"Serveur « {SERVER} », forum #{FORUM}, {len(demo.names)} membres "
        f"et {MODERATOR} (modération).",
        file=out,
    )
    print(f"{MODERATOR} : /setup channel:#{FORUM}, puis /question post", file=out)
    await demo.open_discussion()
    sent = await demo.converse()
    votes = await demo.vote_on_cards(sent)
    print(
        f"{len(sent)} réponses (dont une via « Répondre »), une modifiée, une supprimée, "
        f"{demo.reactions} réactions, {votes} votes sur la carte « Donner mon avis ».",
        file=out,
    )
    print("… 72 heures plus tard, la discussion se ferme.", file=out)
    await demo.close()
    closing = show_thread(demo, out)
    export = output / "export.jsonl"
    lines = await demo.export(export)
    files = [export]
    for attachment in closing.attachments if closing is not None else []:
        chart = output / attachment.filename
        chart.write_bytes(await attachment.read())
        files.append(chart)
    print(f"\nExport : {lines} lignes (discussion, réponses, positions, votes).", file=out)
    return closing, files


def run_demo(output: Path, *, members: int = 12, out: TextIO | None = None) -> int:
    """Play the demo; returns the exit code."""
    try:
        import simcord  # noqa: F401
    except ImportError:
        from bot.errors import CliError

        raise CliError(
            "the demo needs SimCord, a development dependency: pip install -e '.[dev]'"
        ) from None
    stream = out or sys.stdout
    _quiet_logging()
    output.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    code = asyncio.run(_run(output, members, stream))
    print(f"(démo jouée en {time.monotonic() - started:.1f} s)", file=stream)
    return code


__all__: Sequence[str] = ("run_demo",)
