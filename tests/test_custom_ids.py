"""The lists' page buttons carry their state within Discord's 100-character custom id."""

from __future__ import annotations

import re

from bot import custom_ids
from bot.categories import MAX_CATEGORY

LONGEST_SNOWFLAKE = 2**64 - 1
LONGEST_DISCUSSION = 2**53


def test_the_longest_page_ids_fit_and_read_back() -> None:
    answers = custom_ids.answers_page(
        "next", LONGEST_SNOWFLAKE, LONGEST_DISCUSSION, LONGEST_SNOWFLAKE
    )
    category = "é" * MAX_CATEGORY
    bank = custom_ids.bank_page("prev", LONGEST_SNOWFLAKE, category)
    suggestions = custom_ids.suggestions_page("next", LONGEST_SNOWFLAKE)
    for made in (answers, bank, suggestions):
        assert len(made) <= 100, made
    found = re.fullmatch(custom_ids.ANSWERS_PAGE, answers)
    assert found is not None and int(found["member"]) == LONGEST_SNOWFLAKE
    found = re.fullmatch(custom_ids.BANK_PAGE, bank)
    assert found is not None and found["category"] == category
    unfiltered = re.fullmatch(
        custom_ids.ANSWERS_PAGE, custom_ids.answers_page("prev", 7, None, None)
    )
    assert unfiltered is not None and unfiltered["discussion"] == unfiltered["member"] == ""
    assert re.fullmatch(custom_ids.SUGGESTIONS_PAGE, suggestions) is not None
    assert re.fullmatch(custom_ids.REVIEW, suggestions) is None


def test_a_search_page_carries_its_search_within_discord_s_hundred_characters() -> None:
    search = "«" + "é:" * 17 + "»"  # 36 characters, colons included
    made = custom_ids.answers_search_page(
        "prev", LONGEST_SNOWFLAKE, LONGEST_DISCUSSION, LONGEST_SNOWFLAKE, search
    )
    assert len(made) <= 100, made
    found = re.fullmatch(custom_ids.ANSWERS_SEARCH_PAGE, made)
    assert found is not None and found["search"] == search
    assert int(found["cursor"], 36) == int(found["member"], 36) == LONGEST_SNOWFLAKE
    assert int(found["discussion"], 36) == LONGEST_DISCUSSION
    bare = re.fullmatch(
        custom_ids.ANSWERS_SEARCH_PAGE, custom_ids.answers_search_page("next", 0, None, None, "x")
    )
    assert bare is not None and bare["cursor"] == "0" and bare["discussion"] == bare["member"] == ""
    assert re.fullmatch(custom_ids.ANSWERS_PAGE, made) is None  # never read as the other list
