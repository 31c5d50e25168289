"""A category option given blank (spaces, a no-break space, invisible characters) was
silently taken for no category: the question stored unsorted, a list of every category.
It is refused, in the member's language; a form's category field left blank still means
none (a form has no way to leave a field out)."""

from __future__ import annotations

import pytest

from bot import custom_ids
from bot.i18n import t
from db.models import Question, Suggestion
from tests.harness import world

BLANK = ("\u00a0", " \u200b ", "\u2060\u200d")
ARTICLE = b"Un article.\nEt vous ?\n- Faut-il doubler les films ?\n"


@pytest.mark.parametrize("blank", BLANK, ids=["no-break-space", "zero-width", "joiners"])
async def test_a_blank_category_option_is_refused_everywhere(blank: str, sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        refusal = t("error-category-blank", "en")
        before = {q.id: q.category for q in await w.rows(Question)}

        added = await w.mod.slash(
            w.text, "question add", text="Le vinyle revient-il ?", category=blank
        )
        assert added.ephemeral and added.response.content == refusal
        imported = await w.mod.slash(
            w.text, "question import", file=("a.txt", ARTICLE), category=blank
        )
        assert imported.response.content == refusal
        assert {q.id: q.category for q in await w.rows(Question)} == before  # nothing stored

        some = min(before)
        edited = await w.mod.slash(w.text, "question edit", id=some, category=blank)
        assert edited.response.content == refusal
        listed = await w.mod.slash(w.text, "question list", category=blank)
        assert listed.response.content == refusal and not listed.response.embeds

        w.locales.set(w.members[0], "fr")
        suggested = await w.members[0].slash(
            w.text, "suggest", text="Les salles obscures ont-elles un avenir ?", category=blank
        )
        assert t("error-category-blank", "fr") in suggested.response.content
        assert not await w.rows(Suggestion)
        assert not w.env.errors


async def test_a_blank_category_field_in_the_review_form_means_none(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        await w.members[0].slash(
            w.text, "suggest", text="Faut-il doubler les films ?", category="cinéma"
        )
        (suggestion,) = await w.rows(Suggestion)
        assert suggestion.category == "cinéma"
        edit = await w.mod.click(
            staff.history()[0], custom_id=custom_ids.review(suggestion.id, "edit")
        )
        field = custom_ids.suggestion_form_field
        done = await w.mod.submit_modal(
            edit, {field("text"): "Faut-il doubler les films ?", field("category"): " \u200b"}
        )
        assert "error" not in str(done.response.content).lower()
        (suggestion,) = await w.rows(Suggestion)
        assert suggestion.category is None
        assert not w.env.errors
