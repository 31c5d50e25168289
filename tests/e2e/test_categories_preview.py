"""Categories and their rotation, no question posted twice, and the preview equal to the post."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from db.models import Discussion, Question
from tests.harness import world

CINEMA = (
    "Un article sur le cinéma.\nEt vous ?\n"
    "- Allez-vous encore au cinéma ?\n"
    "- Le streaming a-t-il tué les salles ?\n"
).encode()
SOCIETE = (
    "Un article de société.\nEt vous ?\n- Faut-il interdire les écrans avant trois ans ?\n"
).encode()


async def _bank(w: Any) -> None:
    done = await w.mod.slash(
        w.text, "question import", file=("cine.txt", CINEMA), category="Cinéma"
    )
    assert "2 questions imported" in done.response.content
    done = await w.mod.slash(
        w.text, "question import", file=("soc.txt", SOCIETE), category="société"
    )
    assert "1 question imported" in done.response.content
    added = await w.mod.slash(
        w.text, "question add", text="Le télétravail est-il un progrès ?", category="Société"
    )
    assert added.ephemeral and "added" in added.response.content


async def _next_post(w: Any) -> Any:
    result = await w.mod.slash(w.text, "question post")
    if not (result.response.content or "").startswith("Discussion #"):
        return result.response.content
    return max(await w.rows(Discussion), key=lambda d: d.id)


async def test_rotation_posts_each_category_in_turn_and_never_a_question_twice(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        await _bank(w)
        offered = await w.members[0].autocomplete(w.text, "suggest", "category", "SOC")
        assert [c["value"] for c in offered] == ["société"]
        listed = await w.mod.slash(w.text, "question list", category="cinéma")
        description = listed.response.embeds[0].description
        assert "Allez-vous encore" in description and "télétravail" not in description
        assert "(2)" in listed.response.embeds[0].title

        unknown = await w.mod.slash(w.text, "setup", categories="société, sport")
        assert 'no category "sport"' in unknown.response.content
        assert "cinéma, société" in unknown.response.content
        done = await w.mod.slash(w.text, "setup", categories="Société, cinéma")
        fields = {f.name: f.value for f in done.response.embeds[0].fields}
        assert fields["Categories posted"] == "société → cinéma"

        posted = []
        for _ in range(4):
            discussion = await _next_post(w)
            question = (await w.rows(Question, Question.id == discussion.question_id))[0]
            posted.append((question.category, question.text))
        assert [c for c, _ in posted] == ["société", "cinéma", "société", "cinéma"]
        assert len({text for _, text in posted}) == 4
        refused = await _next_post(w)  # the seed questions have no category: not in rotation
        assert "No question left in the categories posted (société, cinéma)" in refused

        # Only staff's explicit repost posts a question again; it stays posted.
        first = (await w.rows(Question, Question.text == posted[0][1]))[0]
        again = await w.mod.slash(w.text, "question post", id=first.id)
        assert "posted" in again.response.content
        assert [d.question_id for d in await w.rows(Discussion)].count(first.id) == 2
        assert "No question left" in await _next_post(w)

        await w.mod.slash(w.text, "setup", categories="*")
        seed = await _next_post(w)
        assert (await w.rows(Question, Question.id == seed.question_id))[0].category is None
        assert not w.env.errors


async def test_the_rotation_follows_the_category_members_saw_posted(sqlite_url: str) -> None:
    """The question just posted as « société » is moved to « cinéma » in the bank: its post
    still says « société » (discussions keep the category they were posted with), so the
    next post is « cinéma ». The rotation read the question's new category, took the last
    post for « cinéma » and posted « société » twice in a row."""
    async with world(sqlite_url) as w:
        await _bank(w)
        await w.mod.slash(w.text, "setup", categories="société, cinéma")
        first = await _next_post(w)
        assert first.category == "société"
        edited = await w.mod.slash(w.text, "question edit", id=first.question_id, category="cinéma")
        assert edited.ephemeral
        second = await _next_post(w)
        assert (first.category, second.category) == ("société", "cinéma")
        assert not w.env.errors


async def test_a_failed_repost_leaves_the_question_posted(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        w.env.inject_error("POST", "/channels/*/threads", status=500, times=1)
        failed = await w.mod.slash(w.text, "question post", id=discussion.question_id)
        assert "Discord is not answering" in failed.response.content
        (question,) = await w.rows(Question, Question.id == discussion.question_id)
        assert question.status == "posted"
        nxt = await _next_post(w)
        assert nxt.question_id != discussion.question_id


def _labels(components: Any) -> list[tuple[str, bool]]:
    out = []
    for row in components:
        for c in getattr(row, "children", None) or row["components"]:
            label = c.label if hasattr(c, "label") else c["label"]
            disabled = c.disabled if hasattr(c, "disabled") else c.get("disabled", False)
            out.append((label, disabled))
    return out


async def test_preview_equals_the_post_members_see(database_url: str) -> None:
    async with world(database_url) as w:
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff, hide_counts=True, categories="*")
        await _insert_rolled_back(w)
        await w.members[0].slash(w.text, "suggest", text="Le cinéma muet reviendra-t-il ?")
        await w.settle()
        (card,) = staff.history()
        await w.mod.click(card, label="Approuver, publier ensuite")

        preview = await w.mod.slash(w.text, "question preview")
        assert preview.ephemeral
        assert preview.response.content.startswith("👁️ Preview of question #")
        shown = preview.response.embeds[0]
        _, discussion = await w.post()
        post = w.post_message(discussion)
        # the same post but its close: a time once posted, a duration in the preview
        closes = [f.name for f in post.embeds[0].fields].index("Clôture")
        before, after = shown.to_dict(), post.embeds[0].to_dict()
        said = before["fields"].pop(closes)["value"], after["fields"].pop(closes)["value"]
        assert before == after
        assert said[0] == "3 jours après sa publication" and said[1].startswith("<t:")
        assert "💡 Proposée par" in [f.name for f in shown.fields]
        assert [label for label, _ in _labels(preview.response.components)] == [
            label for label, _ in _labels(post.components)
        ]
        assert all(disabled for _, disabled in _labels(preview.response.components))
        assert not any(disabled for _, disabled in _labels(post.components))

        by_id = await w.mod.slash(w.text, "question preview", id=discussion.question_id)
        assert "Post it with /question post" in by_id.response.content
        assert await w.rows(Discussion, Discussion.id > discussion.id) == []  # nothing posted
        missing = await w.mod.slash(w.text, "question preview", id=999)
        assert "Question not found" in missing.response.content


async def _insert_rolled_back(w: Any) -> None:
    """A discussion insert that failed: PostgreSQL's id sequence moved on all the same."""
    async with w.app.sessions() as session:
        if session.get_bind().dialect.name == "postgresql":
            await session.execute(
                text("SELECT nextval(pg_get_serial_sequence('discussions', 'id'))")
            )


async def test_an_unknown_category_is_answered_with_the_known_ones_as_written(
    sqlite_url: str,
) -> None:
    """Category names may hold an underscore: listed bare, two of them turned the text
    between them into italics ('ciné_club, débat_public')."""
    async with world(sqlite_url) as w:
        for text, category in (
            ("Faut-il un ciné-club ?", "ciné_club"),
            ("Et le débat ?", "débat_public"),
        ):
            await w.mod.slash(w.forum, "question add", text=text, category=category)
        refused = await w.setup(categories="cine_club")
        content = refused.response.content
        assert "Known categories: ciné\\_club, débat\\_public." in content, content
        await w.setup(categories="ciné_club")
        await w.post()
        used_up = await w.mod.slash(w.forum, "question post")
        assert "categories posted (ciné\\_club)" in used_up.response.content


async def test_a_category_with_no_question_is_not_told_as_an_empty_bank(sqlite_url: str) -> None:
    """« cinema » typed for « cinéma »: the list answered « Question bank (0) — The bank is
    empty. » over a bank of a dozen questions; it says which category has none, and the
    categories the bank has (as /setup categories does)."""
    async with world(sqlite_url) as w:
        await _bank(w)
        w.speaks(w.mod, "fr")
        listed = await w.mod.slash(w.text, "question list", category="cinema")
        shown = listed.response.embeds[0].description
        assert "La banque est vide" not in shown
        assert "Aucune question dans la catégorie «\u202fcinema\u202f»" in shown
        assert "cinéma, société" in shown
        w.speaks(w.mod, "en-GB")
        listed = await w.mod.slash(w.text, "question list", category="sport")
        shown = listed.response.embeds[0].description
        assert 'No question in the category "sport"' in shown and "cinéma, société" in shown
        everything = await w.mod.slash(w.text, "question list")
        assert "empty" not in everything.response.embeds[0].description


async def test_a_category_asked_of_a_bank_without_any_says_how_to_give_one(
    sqlite_url: str,
) -> None:
    """A bank whose questions have no category yet (the shipped one): listing a category
    answered « Categories in the bank: —. »; it says none has one, and how to give one."""
    async with world(sqlite_url, setup=False, members=0) as w:
        await w.setup(language="en")
        listed = await w.mod.slash(w.text, "question list", category="sport")
        shown = listed.response.embeds[0].description
        assert shown == (
            'No question in the category "sport": no question of the bank has a category'
            " yet. Give one with /question edit category: or /question add category:."
        )
        w.speaks(w.mod, "fr")
        listed = await w.mod.slash(w.text, "question list", category="sport")
        shown = listed.response.embeds[0].description
        assert "—" not in shown and "/question modifier catégorie:" in shown, shown


async def test_the_preview_says_how_long_the_discussion_stays_open_once_posted(
    sqlite_url: str,
) -> None:
    """The preview showed « Clôture » as now plus the discussion's length, a date members
    will never see: the post goes out later (the schedule's slot, or by hand). It says how
    long the discussion stays open after it is posted, in the server's language."""
    async with world(sqlite_url) as w:
        await w.setup(duration_hours=48)
        preview = await w.mod.slash(w.text, "question preview")
        fields = {f.name: f.value for f in preview.response.embeds[0].fields}
        assert fields["Clôture"] == "2 jours après sa publication"
        assert "<t:" not in str(preview.response.embeds[0].to_dict())

        await w.setup(language="en", duration_hours=36)
        preview = await w.mod.slash(w.text, "question preview")
        fields = {f.name: f.value for f in preview.response.embeds[0].fields}
        assert fields["Closes"] == "36 hours after it is posted"
        await w.setup(duration_hours=24)
        preview = await w.mod.slash(w.text, "question preview", id=1)
        fields = {f.name: f.value for f in preview.response.embeds[0].fields}
        assert fields["Closes"] == "1 day after it is posted"
        assert not w.env.errors
