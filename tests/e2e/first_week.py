"""A French server's first week, printed word for word (``python -m tests.e2e.first_week``).

Not a test: a script to read what the bot says to a moderator new to it and to three
members, in order: every message, embed, button label and error, ephemeral included.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import discord

from bot import custom_ids
from db.models import Discussion
from tests.harness import world


def show_embed(embed: discord.Embed, indent: str = "  ") -> None:
    if embed.author and embed.author.name:
        print(f"{indent}[author] {embed.author.name}")
    if embed.title:
        print(f"{indent}[title] {embed.title}")
    if embed.description:
        for line in embed.description.splitlines():
            print(f"{indent}| {line}")
    for f in embed.fields:
        print(f"{indent}[field] {f.name}")
        for line in (f.value or "").splitlines():
            print(f"{indent}    {line}")
    if embed.footer and embed.footer.text:
        print(f"{indent}[footer] {embed.footer.text}")
    if embed.image and embed.image.url:
        print(f"{indent}[image] {embed.image.url}")


def labels(components: Any) -> list[str]:
    found: list[str] = []
    for row in components or []:
        children = row.get("components", []) if isinstance(row, dict) else row.children
        for c in children:
            if isinstance(c, dict):
                label = c.get("label") or c.get("placeholder") or c.get("custom_id")
            else:
                label = getattr(c, "label", None) or getattr(c, "placeholder", None)
            found.append(str(label))
    return found


def show_message(message: Any, indent: str = "  ") -> None:
    if message.content:
        for line in message.content.splitlines():
            print(f"{indent}{line}")
    for e in message.embeds:
        show_embed(e, indent)
    if message.components:
        print(f"{indent}[buttons] {' · '.join(labels(message.components))}")
    for a in getattr(message, "attachments", []) or []:
        print(f"{indent}[file] {getattr(a, 'filename', a)}")


def shown_input(field: dict[str, Any]) -> str:
    """A form's field as its reader sees it: its label, then the example greyed inside it
    when it has one (Discord shows nothing there otherwise)."""
    example = field.get("placeholder")
    return f"[input] {field.get('label')}" + (
        f" (greyed in the field: {example})" if example else ""
    )


def show(title: str, result: Any) -> Any:
    print(f"\n=== {title}  (ephemeral={result.ephemeral})")
    if result.modal:
        modal = result.modal
        print(f"  [modal] {modal.get('title')}")
        for row in modal.get("components", []):
            for c in row.get("components", []):
                print(f"    {shown_input(c)}")
    if result.response is not None:
        show_message(result.response)
    for f in result.followups:
        print("  -- followup")
        show_message(f)
    return result


def show_channel(w: Any, handle: Any, title: str, seen: set[int]) -> None:
    fresh = [m for m in handle.history() if m.id not in seen]
    for m in sorted(fresh, key=lambda m: m.id):
        seen.add(m.id)
        print(f"\n--- {title}: message by {m.author.name}")
        show_message(m)


async def main(url: str, locale: str = "fr") -> None:
    async with world(url, members=3, setup=False) as w:
        for actor in [w.mod, *w.members]:
            w.speaks(actor, locale)
        alice, bruno, chloe = w.members
        seen: set[int] = set()
        await w.settle()
        show_channel(w, w.text, "#general", seen)
        show("/aide (modo)", await w.mod.slash(w.text, "help"))
        show(
            "/configurer salon:#debats rappel_heures:24 salon_propositions:#general",
            await w.mod.slash(
                w.text, "setup", channel=w.forum, reminder_hours=24, review_channel=w.text
            ),
        )
        show("/aide (alice)", await alice.slash(w.text, "help"))
        show("/question aperçu", await w.mod.slash(w.text, "question preview"))
        thread, discussion = await w.post(w.text)
        await w.settle()
        show_channel(w, w.text, "#general", seen)
        show_channel(w, thread, "thread", seen)
        post = w.post_message(discussion)
        print("\n--- the post")
        show_message(post)

        await alice.send(thread, "Oui, c'est inévitable, les outils progressent vite.")
        await bruno.send(thread, "Non, un film sans acteurs humains n'a aucune âme.")
        shown = show(
            "Répondre (chloé)", await chloe.click(post, custom_id=custom_ids.reply(discussion.id))
        )
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        show(
            "Répondre form sent",
            await chloe.submit_modal(
                shown, {field: "Nuancé : pour les effets, pas pour les acteurs."}
            ),
        )
        show(
            "stance Oui (alice)",
            await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0)),
        )
        changed = show(
            "stance Nuancé (alice)",
            await alice.click(post, custom_id=custom_ids.stance(discussion.id, 2)),
        )
        show(
            "withdraw (alice)",
            await alice.click(changed.response, custom_id=custom_ids.withdraw(discussion.id)),
        )
        show(
            "stance Non (bruno)",
            await bruno.click(post, custom_id=custom_ids.stance(discussion.id, 1)),
        )
        card = show(
            "Donner mon avis (bruno)",
            await bruno.click(post, custom_id=custom_ids.card(discussion.id)),
        )
        await w.settle()
        for _ in range(3):
            if card.response is None or not card.response.components:
                break
            ids = [
                c["custom_id"]
                for row in card.response.components
                for c in row["components"]
                if c.get("custom_id", "").startswith("etvous:vote")
            ]
            if not ids:
                break
            card = show("vote d'accord (bruno)", await bruno.click(card.response, custom_id=ids[0]))
        show("card (alice)", await alice.click(post, custom_id=custom_ids.card(discussion.id)))
        await w.env.advance_time(6)  # the post's counts are redrawn every 5 seconds
        await w.settle()
        print("\n--- the post after clicks")
        show_message(w.post_message(discussion))

        show(
            "/proposer (chloé)",
            await chloe.slash(
                w.text,
                "suggest",
                text="Faut-il interdire les smartphones dans les salles de cinéma ?",
            ),
        )
        show(
            "/proposer again (chloé)",
            await chloe.slash(
                w.text,
                "suggest",
                text="Faut-il interdire les smartphones dans les salles de cinéma ?",
            ),
        )
        show(
            "/proposer bad options (chloé)",
            await chloe.slash(
                w.text, "suggest", text="Le cinéma en salle va-t-il disparaître ?", options="Oui"
            ),
        )
        await w.settle()
        show_channel(w, w.text, "#general", seen)
        cards = [
            m for m in w.text.history() if m.embeds and "Proposition" in (m.embeds[0].title or "")
        ]
        show(
            "Approuver, publier ensuite (modo)",
            await w.mod.click(cards[-1], custom_id=custom_ids.review(1, "next")),
        )
        show("/question propositions", await w.mod.slash(w.text, "question suggestions"))
        show("/question liste", await w.mod.slash(w.text, "question list"))
        show("/programme voir", await w.mod.slash(w.text, "schedule show"))

        rows = await w.rows(Discussion)
        d = rows[0]
        w.clock.set(d.closes_at - timedelta(hours=24) + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        show_channel(w, thread, "thread (reminder)", seen)
        show(
            "/discussion prolonger heures:12",
            await w.mod.slash(thread, "discussion extend", hours=12),
        )
        await w.settle()
        show_channel(w, thread, "thread (extended)", seen)
        show("/stats (alice)", await alice.slash(w.text, "stats"))
        show("/résumé voir (while open)", await alice.slash(thread, "summary show"))
        rows = await w.rows(Discussion)
        d = rows[0]
        w.clock.set(d.closes_at + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        show_channel(w, thread, "thread (closed)", seen)
        show_channel(w, w.text, "#general (after close)", seen)
        print("\n--- the post after closing")
        show_message(w.post_message(d))
        show(
            "/discussion prolonger after close",
            await w.mod.slash(thread, "discussion extend", hours=12),
        )
        show("/discussion clore after close", await w.mod.slash(thread, "discussion close"))
        show("/résumé voir", await alice.slash(w.text, "summary show", discussion=d.id))
        show("/stats", await alice.slash(w.text, "stats"))
        show("/stats membre", await alice.slash(w.text, "stats", member=bruno))
        show("/classement voir", await alice.slash(w.text, "leaderboard view"))
        show("/mesdonnées voir", await alice.slash(w.text, "mydata show"))
        show("/mesdonnées effacer", await bruno.slash(w.text, "mydata delete"))
        show("/mesdonnées refuser", await chloe.slash(w.text, "mydata optout"))
        show("/examen", await w.mod.slash(w.text, "review"))
        show("/réponses liste", await w.mod.slash(w.text, "answers list"))
        show("/programme pause", await w.mod.slash(w.text, "schedule pause"))
        show("/programme voir", await w.mod.slash(w.text, "schedule show"))
        show("/configurer cron bad", await w.mod.slash(w.text, "setup", cron="0 25 * * *"))
        show("/configurer fuseau bad", await w.mod.slash(w.text, "setup", timezone="Paris"))
        show(
            "/question ajouter",
            await w.mod.slash(w.text, "question add", text="Regardez-vous encore la télévision ?"),
        )
        show("/aide (modo, end)", await w.mod.slash(w.text, "help"))
        print("\nerrors:", w.env.errors)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        locale = sys.argv[1] if len(sys.argv) > 1 else "fr"  # the members' Discord language
        asyncio.run(main(f"sqlite+aiosqlite:///{Path(tmp) / 'week.db'}", locale))
    sys.exit(0)
