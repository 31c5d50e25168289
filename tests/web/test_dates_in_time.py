"""A date inside a sentence is a <time> (every page is checked in test_pages_browser):
the sentence's other words still escaped, its ``datetime`` valid HTML (to the minute, as
shown: microseconds are not valid there) and in the reader's time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from web.render import Words


def test_a_sentences_date_is_a_time_its_other_words_escaped() -> None:
    moment = datetime(2026, 11, 23, 18, 5, 7, 123456, tzinfo=UTC)
    words = Words("fr", "Europe/Paris")
    html = words.timed("web-reply-which", author="<b>zoé</b>", when=moment)
    assert str(html) == (
        '(réponse de &lt;b&gt;zoé&lt;/b&gt;, <time datetime="2026-11-23T19:05+01:00">'
        "23/11/2026 19:05</time>)"
    )
    assert (
        words("web-reply-which", author="zoé", when=moment) == "(réponse de zoé, 23/11/2026 19:05)"
    )
    assert str(words.time(None)) == "—"
