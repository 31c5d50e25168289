"""The bank and its posts at Discord's limits and defaults: every option a question
offers can be clicked, every text fits as Discord counts it, an import says which
lines of the article it left out, a quiet discussion stays listed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot import custom_ids
from db.models import Discussion, Question, Suggestion
from tests.discord_checks import size
from tests.harness import world


async def test_every_option_of_a_question_gets_its_button(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        too_many = "|".join(f"Option {i}" for i in range(21))
        refused = await w.mod.slash(
            w.forum, "question add", text="Trop de choix ?", options=too_many
        )
        assert refused.ephemeral and "Invalid options: 2 to 20 options" in refused.response.content
        assert not [q for q in await w.rows(Question) if q.text == "Trop de choix\u202f?"]

        widest = [f"Option {i}" for i in range(20)]
        added = await w.mod.slash(
            w.forum, "question add", text="Beaucoup de choix ?", options="|".join(widest)
        )
        (question,) = [q for q in await w.rows(Question) if q.text == "Beaucoup de choix\u202f?"]
        assert f"Question #{question.id} added" in added.response.content
        await w.mod.slash(w.forum, "question post", id=question.id)
        (discussion,) = await w.rows(Discussion)
        post = w.post_message(discussion)
        labels = [c.label for row in post.components for c in row.children]
        assert labels[: len(widest)] == widest and len(labels) == len(widest) + 2


async def test_an_import_names_the_lines_it_left_out(sqlite_url: str) -> None:
    endless = "Faut-il " + "vraiment " * 200 + "légiférer ?"
    article = (
        "Un article.\nEt vous ?\n"
        "- Faut-il taxer les robots ?\n"
        f"- {endless}\n"
        "- Qui paiera les doubleurs ?\n"
    ).encode() + b"- Pour ou contre \xff\xfe ?\n"
    async with world(sqlite_url) as w:
        result = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert result.ephemeral
        assert result.response.content == (
            "2 questions imported, 0 duplicates skipped. Lines 4, 6 of the article were left"
            " out: questions over 1000 characters, or text that is not UTF-8."
        )
        texts = {q.text for q in await w.rows(Question)}
        assert {"Faut-il taxer les robots\u202f?", "Qui paiera les doubleurs\u202f?"} <= texts
        again = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert again.response.content.startswith("0 questions imported, 2 duplicates skipped.")
        clean = b"Et vous ?\n- Faut-il former les doubleurs ?\n"
        plain = await w.mod.slash(w.forum, "question import", file=("clean.txt", clean))
        assert plain.response.content == "1 question imported, 0 duplicates skipped."


async def test_an_import_says_when_french_spacing_took_a_question_over_the_limit(
    sqlite_url: str,
) -> None:
    """997 characters as written, 1,096 once set with French spacing: the import says the
    spacing took it over, as ``/question add`` does, rather than calling it over 1000."""
    spaced = "Faut-il" + "; vraiment" * 98 + ", réguler?"
    assert len(spaced) == 997
    article = f"Et vous ?\n- Faut-il taxer les robots ?\n- {spaced}\n".encode()
    alone = f"Et vous ?\n- {spaced}\n".encode()
    async with world(sqlite_url) as w:
        result = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert result.response.content == (
            "1 question imported, 0 duplicates skipped. Line 3 of the article was left out:"
            " a question over 1000 characters, or text that is not UTF-8. With the no-break"
            " spaces French puts before question marks, exclamation marks, colons and"
            " semicolons, line 3 is over 1000 characters: shorten it a little."
        )
        refused = await w.mod.slash(w.forum, "question import", file=("alone.txt", alone))
        assert refused.ephemeral and refused.response.content == (
            "With the no-break spaces French puts before question marks, exclamation marks,"
            " colons and semicolons, every question is over 1000 characters (the shortest"
            " has 1096): shorten them a little."
        )
        w.speaks(w.mod, "fr")
        again = await w.mod.slash(w.forum, "question import", file=("alone.txt", alone))
        assert again.response.content.startswith("Avec les espaces insécables que le français")
        assert again.response.content.endswith(
            "toutes les questions dépassent 1000 caractères (la plus courte en compte 1096)"
            "\u00a0: raccourcissez-les un peu."
        )


def _sent_texts(w: Any) -> Iterator[tuple[str, str]]:
    """Each length-limited text the bot sent: (what it is, the text)."""
    for request in w.env.http_requests:
        body = request.json if isinstance(request.json, dict) else {}
        data = body.get("data") if isinstance(body.get("data"), dict) else body
        for part in (data, data.get("message") or {}):
            if not isinstance(part, dict):
                continue
            yield "thread name", part.get("name") or ""
            for embed in part.get("embeds") or []:
                yield "embed description", embed.get("description") or ""
            for choice in part.get("choices") or []:
                yield "choice", choice["name"]
            for row in part.get("components") or []:
                for component in row.get("components") or []:
                    yield "label", component.get("label") or ""
                    for option in component.get("options") or []:
                        yield "select option", option["label"]


LIMIT = {
    "thread name": 100,
    "embed description": 4096,
    "choice": 100,
    "label": 80,
    "select option": 100,
}


async def test_a_question_of_emoji_fits_every_discord_limit(sqlite_url: str) -> None:
    """Discord counts a character outside the BMP (most emoji) as two."""
    question = "😀" * 60 + " Faut-il" + " vraiment" * 40 + " ?"
    widest = "🎬" * 40  # 80 as Discord counts
    async with world(sqlite_url) as w:
        refused = await w.mod.slash(
            w.forum, "question add", text="Trop large ?", options=f"Oui|{widest}🎬"
        )
        assert refused.response.content.startswith("Invalid options")
        await w.mod.slash(w.forum, "question add", text=question, options=f"Oui|{widest}")
        await w.members[0].slash(w.text, "suggest", text=question.replace("Faut-il", "Doit-on"))
        stored = question.removesuffix(" ?") + "\u202f?"  # French, set as the bank is
        (added,) = [q for q in await w.rows(Question) if q.text == stored]
        await w.mod.slash(w.forum, "question preview", id=added.id)
        listed = await w.mod.slash(w.forum, "question suggestions")
        await w.mod.select(listed.response.message, ["1"])
        await w.mod.slash(w.forum, "question post", id=added.id)
        await w.mod.autocomplete(w.forum, "discussion close", "discussion", "")
        await w.settle()
        seen = set()
        for kind, text in _sent_texts(w):
            assert size(text) <= LIMIT[kind], (kind, size(text), text)
            seen.add(kind) if "😀" in text or "🎬" in text else None
        assert seen == set(LIMIT)


async def test_the_edit_form_of_a_suggestion_keeps_every_option(sqlite_url: str) -> None:
    options = [f"Choix numéro {i:02d}, " + "détaillé " * 5 for i in range(20)]
    options = [option.strip() for option in options]
    async with world(sqlite_url) as w:
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        sent = await w.members[0].slash(
            w.text, "suggest", text="Quel choix ?", options="|".join(options)
        )
        assert "suggestion #1" in sent.response.content
        await w.settle()
        (card,) = staff.history()
        shown = await w.mod.click(card, custom_id=custom_ids.review(1, "edit"))
        inputs = [row["components"][0] for row in shown.modal["components"]]
        assert all(size(i.get("value") or "") <= i["max_length"] for i in inputs)
        unchanged = {i["custom_id"]: i.get("value") or "" for i in inputs}
        await w.mod.submit_modal(shown, {**unchanged, inputs[0]["custom_id"]: "Quel choix faire ?"})
        (suggestion,) = await w.rows(Suggestion)
        assert suggestion.text == "Quel choix faire\u202f?" and suggestion.options == options


async def test_an_unknown_category_is_answered_however_many_the_bank_has(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        for n in range(55):
            await w.mod.slash(
                w.forum,
                "question add",
                text=f"Question numéro {n} ?",
                category=f"catégorie numéro {n:02d} au nom assez long",
            )
        refused = await w.setup(categories="inconnue")
        assert refused.ephemeral
        content = refused.response.content
        assert content.startswith('The bank has no category "inconnue". Known categories: ')
        assert content.endswith(", … (+35).") and size(content) <= 2000


async def test_a_quiet_discussion_stays_listed_for_a_week_in_a_forum_too(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        await w.setup(channel=w.text)
        text_thread, _ = await w.post(w.text)
        for posted in (thread, text_thread):
            metadata = w.env.backend.channels[posted.id].thread_metadata
            assert metadata.auto_archive_duration == 10080


async def test_an_article_carrying_control_characters_is_imported_clean(
    database_url: str,
) -> None:
    """A NUL made PostgreSQL refuse the import, answered as 'the database is not
    answering, try again'; a terminal's escapes were stored (the CLI prints questions)."""
    article = (
        b"Un article.\nEt vous ?\n- Faut-il \x00taxer les robots ?\n"
        b"- \x1b]0;titre\x07Qui paiera \xe2\x80\xaeles doubleurs ?\n"
    )
    async with world(database_url) as w:
        result = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert result.response.content == "2 questions imported, 0 duplicates skipped."
        texts = {q.text for q in await w.rows(Question)}
        kept = {"Faut-il taxer les robots\u202f?", "]0;titreQui paiera \u202eles doubleurs\u202f?"}
        assert kept <= texts  # a bidirectional mark stays as written: echoes make it inert
        added = await w.mod.slash(w.forum, "question add", text="Faut-il \x1b[2Jtout taxer ?")
        assert added.response.content.startswith("Question #")
        assert "Faut-il [2Jtout taxer\u202f?" in {q.text for q in await w.rows(Question)}


async def test_the_post_shows_the_count_of_every_option_however_long(sqlite_url: str) -> None:
    """Twenty long options went past the field's 1,024 characters: the last ones' counts
    were cut off the post."""
    options = [f"Option numéro {n:02d}, " + "longuement expliquée " * 3 for n in range(20)]
    options = [option.strip() for option in options]
    async with world(sqlite_url) as w:
        await w.mod.slash(w.forum, "question add", text="Quel choix ?", options="|".join(options))
        (question,) = [q for q in await w.rows(Question) if q.text == "Quel choix\u202f?"]
        await w.mod.slash(w.forum, "question post", id=question.id)
        (discussion,) = await w.rows(Discussion)
        await w.members[0].click(
            w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 19)
        )
        await w.settle()
        shown = w.post_message(discussion).embeds[0].fields[0].value
        lines = shown.split("\n")
        assert size(shown) <= 1024 and len(lines) == 20
        assert lines[0].startswith("**Option numéro 00") and lines[0].endswith("— 0")
        assert lines[19].startswith("**Option numéro 19") and lines[19].endswith("— 1")


async def test_an_article_imported_again_brings_no_removed_question_back(sqlite_url: str) -> None:
    article = (
        b"Un article.\nEt vous ?\n- Faut-il taxer les robots ?\n- Qui paiera les doubleurs ?\n"
    )
    async with world(sqlite_url) as w:
        await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        (unwanted,) = [
            q for q in await w.rows(Question) if q.text == "Faut-il taxer les robots\u202f?"
        ]
        await w.mod.slash(w.forum, "question remove", id=unwanted.id)
        again = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert again.response.content == "0 questions imported, 2 duplicates skipped."
        same = [q for q in await w.rows(Question) if q.text == "Faut-il taxer les robots\u202f?"]
        assert [(q.id, q.status) for q in same] == [(unwanted.id, "removed")]
