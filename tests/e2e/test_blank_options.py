"""An options argument given blank (a no-break space, invisible characters) was silently
taken for none: the question stored with options chosen from its wording. It is refused,
in staff's language, and nothing is stored."""

from __future__ import annotations

import pytest

from bot.i18n import t
from db.models import Question
from tests.harness import world

BLANK = ("\u00a0", " \u200b ", "\u2060\u200d")
ARTICLE = b"Un article.\nEt vous ?\n- Faut-il doubler les films ?\n"


@pytest.mark.parametrize("blank", BLANK, ids=["no-break-space", "zero-width", "joiners"])
async def test_blank_options_are_refused_in_add_import_and_edit(
    blank: str, sqlite_url: str
) -> None:
    async with world(sqlite_url) as w:
        before = {q.id: list(q.options) for q in await w.rows(Question)}
        added = await w.mod.slash(
            w.text, "question add", text="Le vinyle revient-il ?", options=blank
        )
        assert added.ephemeral
        assert added.response.content == t("error-options-blank", "en", left="chosen")
        assert "leave the option out" in added.response.content
        imported = await w.mod.slash(
            w.text, "question import", file=("a.txt", ARTICLE), options=blank
        )
        assert imported.response.content == t("error-options-blank", "en", left="chosen")
        edited = await w.mod.slash(w.text, "question edit", id=min(before), options=blank)
        assert edited.response.content == t("error-options-blank", "en", left="kept")
        assert "kept as they are" in edited.response.content
        assert {q.id: list(q.options) for q in await w.rows(Question)} == before

        w.locales.set(w.mod, "fr")
        added = await w.mod.slash(
            w.text, "question add", text="Le vinyle revient-il ?", options=blank
        )
        assert added.response.content.startswith(
            "Les options n’ont pas d’intitulé\u00a0: celles données n’affichent rien"
        ), added.response.content
        assert {q.id: list(q.options) for q in await w.rows(Question)} == before
        assert not w.env.errors
