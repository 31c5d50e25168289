"""The message catalog: every key in French and English, every used key present."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import i18n

ROOT = Path(__file__).resolve().parents[1]
USES = re.compile(
    r"""(?:\bt\(\s*|\bsay\(\s*interaction,\s*|UserError\(|CliError\(\s*|SettingsError\(\s*|\bL\("[^"]*",\s*)"""
    r""""([a-z][a-z0-9-]*[a-z0-9])\""""
)
CLI_WORDS = re.compile(r"""\b(?:words|self)\.(help|metavar)\("([a-z][a-z0-9-]+)"\)""")
"""The CLI's help texts and metavars, named by their key's tail (``bot/cli.py``)."""


def used_keys() -> set[str]:
    found: set[str] = set()
    for folder in ("bot", "cogs"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text("utf-8")
            found.update(USES.findall(text))
            found.update(f"cli-{kind}-{what}" for kind, what in CLI_WORDS.findall(text))
    found.update(
        f"error-not-found-{what}" for what in ("discussion", "question", "reply", "suggestion")
    )
    # Keys chosen at run time, or passed on a line of their own.
    found.update(
        {
            "review-approve",
            "review-approve-next",
            "review-edit",
            "review-reject",
            "review-approved",
            "review-approved-next",
            "reminder-time",
            "reminder-so-far",
            "stats-discussion-line",
            "stats-member",
            "leaderboard-line",
            "post-counts-hidden",
        }
    )
    from bot.config import LANGUAGES

    found.update(f"language-{code}" for code in LANGUAGES)  # the schedule's language line
    found.update(f"month-{n}" for n in range(1, 13))  # the leaderboard's month
    for code in ("not_utf8", "too_large", "no_section", "no_question", "bad_options", "too_many"):
        found.add("error-import-" + code.replace("_", "-"))
    for reason in (
        "staff",
        "missing_permissions",
        "channel_missing",
        "kicked",
        "rejoined",
        "forum_tag",
    ):
        found.add("pause-reason-" + reason.replace("_", "-"))
    # The CLI's: an import refused (by code, or by its precise reason), an export's skipped lines.
    for code in (
        "not_utf8", "too_large", "no_section", "no_question", "bad_options", "too_many",
        "questions_too_long", "questions_too_long_spaced", "line_too_long_spaced", "options_not_list", "option_count", "option_empty",
        "option_too_long", "options_same",
    ):  # fmt: skip
        found.add("cli-import-" + code.replace("_", "-"))
    for code in (
        "too-long", "not-utf8", "invalid-json", "nested", "not-object", "missing",
        "reaction-value", "text-type", "unknown-type", "options-type", "question-type", "twice",
        "id-type", "other", "orphans",
    ):  # fmt: skip
        found.add("cli-jsonl-" + code)
    found.update(
        {
            "cli-env-not-utf8",
            "cli-env-not-name-value",
            "cli-import-line-not-utf8",
            "cli-import-line-too-long",
            "cli-not-a-file",
        }
    )
    return found


def test_french_and_english_have_the_same_keys() -> None:
    assert i18n.keys("fr") == i18n.keys("en")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_cli_catalog_holds_exactly_the_cli_keys(language: str) -> None:
    """``t`` looks a ``cli-``/``settings-`` key up in ``cli.ftl`` alone."""
    cli_keys = i18n.keys(language, i18n.CLI_CATALOG)
    assert cli_keys == {k for k in i18n.keys(language) if k.startswith(i18n.CLI_PREFIXES)}
    assert all(k.startswith(i18n.CLI_PREFIXES) for k in cli_keys)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_message_of_a_catalog_is_read_in_its_own_language(language: str) -> None:
    """A message Fluent cannot parse (a selector without its ``*`` default, a brace left
    open) is skipped as junk, silently: ``t`` then gives an English reader the French
    message, its fallback, while the tests above, reading keys from the files' lines,
    still find the key in both catalogs."""
    from fluent.syntax import FluentParser
    from fluent.syntax import ast as fluent_ast

    junk = []
    for path in sorted((ROOT / "bot" / "locales" / language).glob("*.ftl")):
        for entry in FluentParser().parse(path.read_text("utf-8")).body:
            if isinstance(entry, fluent_ast.Junk):
                junk.append((path.name, entry.content.splitlines()[0][:60]))
    unread = []
    for key in sorted(i18n.keys(language)):
        bundle = i18n._bundle_for(key, language)
        if not bundle.has_message(key) or bundle.get_message(key).value is None:
            unread.append(key)
    assert not junk and not unread, (junk, unread)


VARIABLE = re.compile(r"\$([a-zA-Z][\w-]*)")


def variables(language: str) -> dict[str, set[str]]:
    """Each message's ``$variables``, read from its catalog files as ``i18n.keys`` reads keys."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "bot" / "locales" / language).glob("*.ftl")):
        key = None
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("#"):
                continue
            if line and not line[0].isspace() and not line.startswith("-") and "=" in line:
                key = line.split("=", 1)[0].strip()
                found[key] = set()
            if key is not None:
                found[key] |= set(VARIABLE.findall(line))
    return found


def test_french_and_english_messages_take_the_same_variables() -> None:
    french, english = variables("fr"), variables("en")
    assert french.keys() == english.keys()
    differ = {key: (french[key], english[key]) for key in french if french[key] != english[key]}
    assert not differ


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_key_used_in_the_code_exists(language: str) -> None:
    missing = used_keys() - i18n.keys(language)
    assert not missing, f"missing in {language}: {sorted(missing)}"


def test_messages_format_with_plurals_and_ids() -> None:
    assert i18n.t("question-imported", "fr", added=1, skipped=2) == (
        "1 question importée, 2 doublons ignorés."
    )
    assert i18n.t("question-posted", "en", id=3, thread=1456074443980800023).endswith(
        "<#1456074443980800023>"
    )


def test_discord_locales_map_to_languages() -> None:
    assert i18n.language_of("fr") == "fr"
    assert i18n.language_of("en-GB") == "en"
    assert i18n.language_of("de", default="en") == "en"


def test_french_command_names_are_valid_discord_names() -> None:
    pattern = re.compile(r"^[-_\w]{1,32}$")
    for key in i18n.keys("fr"):
        if key.startswith(("cmd-", "opt-")) and not key.endswith("-desc"):
            name = i18n.t(key, "fr")
            assert pattern.match(name) and name == name.lower(), key


MENTION = re.compile(r"(?:^|[\s(«“\"])/(\w+)((?: \w+:)?)")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_commands_named_in_messages_are_the_commands_of_that_language(language: str) -> None:
    """A message tells the member a command to type as her Discord client shows it: a
    French message names ``/configurer salon:``, not ``/setup channel:``. (The CLI's
    catalog names both, for an operator reading a server's commands in either.)"""
    names = {i18n.t(k, language) for k in i18n.keys(language) if k.startswith("cmd-")}
    options = {i18n.t(k, language) for k in i18n.keys(language) if k.startswith("opt-")}
    options.add("cron")  # the one option named alike in every language, without a key
    wrong = []
    for catalog in ("etvous.ftl", "web.ftl"):
        path = ROOT / "bot" / "locales" / language / catalog
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("#") or line.split("=", 1)[0].strip().startswith(("cmd-", "opt-")):
                continue
            for command, option in MENTION.findall(line):
                if command not in names or (option and option.strip(" :") not in options):
                    wrong.append(f"{catalog}: /{command}{option} in {line.strip()[:60]!r}")
    assert not wrong, wrong


async def test_slash_commands_carry_french_localizations(sqlite_url: str) -> None:
    from bot.config import Settings
    from bot.factory import create_bot
    from bot.translator import CatalogTranslator

    bot = create_bot(Settings(database_url=sqlite_url), timers=False, sync_commands=False)
    for extension in (
        "cogs.setup",
        "cogs.questions",
        "cogs.discussions",
        "cogs.summary",
        "cogs.answers",
        "cogs.mydata",
        "cogs.suggestions",
        "cogs.stats",
    ):
        await bot.load_extension(extension)
    translator = CatalogTranslator()
    payloads = {
        c.name: await c.get_translated_payload(bot.tree, translator)
        for c in bot.tree.get_commands()
    }
    assert payloads["setup"]["name_localizations"] == {"fr": "configurer"}
    assert payloads["summary"]["description_localizations"]["fr"] == "Qui pense quoi, et pourquoi"
    sub = {o["name"]: o for o in payloads["question"]["options"]}
    assert sub["add"]["name_localizations"]["fr"] == "ajouter"
    assert payloads["setup"]["default_member_permissions"] == 32  # Manage Server
    assert payloads["question"]["default_member_permissions"] == 1 << 13  # Manage Messages
    assert payloads["mydata"]["default_member_permissions"] is None
    assert payloads["setup"]["contexts"] == [0]
    # Every member may suggest, see the figures and the leaderboard; /question stays staff's.
    for everyone in ("suggest", "stats", "leaderboard"):
        assert payloads[everyone]["default_member_permissions"] is None, everyone
    assert payloads["suggest"]["name_localizations"] == {"fr": "proposer"}
    assert sub["suggestions"]["name_localizations"]["fr"] == "propositions"
    assert sub["preview"]["name_localizations"]["fr"] == "aperçu"
    setup_options = {o["name"]: o for o in payloads["setup"]["options"]}
    assert setup_options["reminder_hours"]["name_localizations"]["fr"] == "rappel_heures"
    channel = setup_options["channel"]["description_localizations"]["fr"]
    assert channel == "Forum (une publication par question) ou salon textuel"  # not « un post »
    assert not any(o.get("required") for o in setup_options.values())
    extend = {o["name"]: o for o in payloads["discussion"]["options"]}["extend"]
    (hours,) = [o for o in extend["options"] if o["name"] == "hours"]
    assert hours["description"] == "Hours added to its closing time"
    assert hours["description_localizations"]["fr"] == "Heures ajoutées à sa clôture"
    await bot.app.engine.dispose()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_permission_the_bot_may_lack_is_named_as_discord_shows_it(language: str) -> None:
    """A moderator fixes permissions in Discord's settings, where 'send_messages_in_threads'
    is 'Send Messages in Threads' ('Envoyer des messages dans les fils')."""
    from bot import permissions

    needed = {*permissions.FORUM_NEEDS, *permissions.TEXT_NEEDS}
    named = i18n.t("error-bot-permissions", language, permissions=permissions.named(sorted(needed)))
    assert "_" not in named and "permission-" not in named, named
    if language == "fr":
        assert "Envoyer des messages dans les fils" in named


COMMAND_STRING = re.compile(
    r"\bL\(\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')\s*,\s*\"([a-z0-9-]+)\"\s*,?\s*\)", re.S
)


def test_commands_declared_in_english_read_as_the_english_catalog() -> None:
    """Discord shows an English client the text a command is declared with, not the
    catalog's: the two must agree (an option's example read 'Oui|Non|Nuancé' in English)."""
    import ast

    found, differ = 0, []
    for path in sorted((ROOT / "cogs").rglob("*.py")):
        for literal, key in COMMAND_STRING.findall(path.read_text("utf-8")):
            found += 1
            declared = ast.literal_eval(literal)
            if declared != i18n.t(key, "en"):
                differ.append((path.name, key, declared, i18n.t(key, "en")))
    assert found > 100 and not differ, differ


def messages(language: str) -> dict[str, str]:
    """Each message's source text (value and variants, comments left out), by key."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "bot" / "locales" / language).glob("*.ftl")):
        key = None
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("#"):
                continue
            if line and not line[0].isspace() and not line.startswith("-") and "=" in line:
                key, _, value = line.partition("=")
                key = key.strip()
                found[key] = [value]
            elif key is not None:
                found[key].append(line)
    return {key: "\n".join(lines) for key, lines in found.items()}


def prose(text: str) -> str:
    """What a reader sees as sentences: placeables, code, addresses, settings and the
    commands a message tells her to type (``/configurer salon:#…``) replaced by ``X``."""
    text = re.sub(  # {" "}, {"\u00A0"}: the characters they stand for
        r'\{\s*"((?:[^"\\]|\\.)*)"\s*\}',
        lambda m: re.sub(r"\\u(\w{4})", lambda u: chr(int(u.group(1), 16)), m.group(1)),
        text,
    )
    text = re.sub(r"\{[^{}]*\}", "X", text)
    text = re.sub(r"`[^`]*`", "X", text)
    text = re.sub(r"\b[a-z][\w+.-]*://\S*|://", "X", text)
    text = re.sub(r"/[\w’]+(?: [\w’]+)?(?::\S*)?(?: [\w’]+:\S*)?", "X", text)
    return re.sub(r"\b[A-Z_]+=\S*", "X", text)


def test_french_messages_use_the_typographic_apostrophe() -> None:
    """« l’équipe », not « l'équipe »: the catalogs' French is typeset (the same word
    read with two apostrophes across the bot's answers, the web room and the CLI)."""
    straight = {key: text for key, text in messages("fr").items() if re.search(r"\w'\w", text)}
    assert not straight, straight


NNBSP, NBSP = "\u202f", "\u00a0"
"""French typography as the Imprimerie nationale sets it (Le Monde, French Wikipedia): a
narrow no-break space before ; ! ? » and after «, a no-break space before : and between a
number and its unit (« 18 h », « 50 % ») and after « n° », never parted from its number
(« discussion n° 12 »); digit groups take the narrow one (« 1 500 »)."""
MISSPACED = re.compile(
    rf"[^\S{NNBSP}][;!?»]|«[^\S{NNBSP}]"  # any other space (or a line break) there
    rf"|[^\S{NBSP}]:(?=\s|$)"  # a colon that ends a clause, not one inside a code
    rf"|(?:\d|X)[^\S{NBSP}](?:h|%)(?![\w’])"  # « 18 h », « { $percent } % »
    rf"|\d[^\S{NNBSP}]\d{{3}}(?!\d)"  # « 1 500 »
    rf"|[nN]°[^\S{NBSP}]"  # « n° 12 », « n° { $id } »
)


def test_french_messages_space_their_high_punctuation_and_guillemets() -> None:
    """French puts a space before ; : ! ? » and after «, one that never breaks: a line
    that wraps leaves « ? » or « : » alone at the start of the next one otherwise.
    Addresses, code, placeables and commands to type are not prose; English text quoted
    inside « » keeps its own rules (« And you? »)."""
    wrong = []
    for key, text in messages("fr").items():
        seen = prose(text)
        wrong += [(key, m.group()) for m in re.finditer(r"\S»|«\S", seen)]
        unquoted = re.sub(r"«[^»]*»", "X", seen)
        wrong += [(key, m.group()) for m in re.finditer(r"[^\s\d][;:!?]", unquoted)]
        wrong += [(key, repr(m.group())) for m in MISSPACED.finditer(seen)]
    assert not wrong, wrong


@pytest.mark.parametrize(
    "text",
    [
        "Merci ! Votre réponse est publiée\u00a0: X",
        "Et vous ?",
        "Voici le programme :",
        "le formulaire « X\u202f»",
        "le formulaire «\u202fX »",
        "publiée\u202f: X",
        "à 18 h",
        "X %",
        "1 500 réponses",
        "Rappel ;",
        "Discussion n° { $id }",
        "[n° { $id }]({ $link })",
        "question n°\u202f42",
    ],
)
def test_the_french_typography_check_catches_an_ordinary_space(text: str) -> None:
    assert MISSPACED.search(prose(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "Merci\u202f! Votre réponse est publiée\u00a0: { $link }",
        "«\u202f{ $reply }\u202f» · à 18\u00a0h · 50\u00a0% · 1\u202f500",
        "<t:{ $at }:R> à 18:00, :thumbsup:, https://example.com/a?b=1\u202f; `cron : x`",
        "/configurer salon:#… ou /question ajouter catégorie:",
        "Discussion n°\u00a0{ $id } · **n°\u00a042** · axe\u00a0: Discussion n°",
    ],
)
def test_the_french_typography_check_passes_well_set_text(text: str) -> None:
    assert not MISSPACED.search(prose(text)), text


def test_english_messages_put_no_space_before_their_punctuation() -> None:
    """The French habit carried over ("What do you think ?"); the bot's name keeps it."""
    wrong = []
    for key, text in messages("en").items():
        seen = prose(text.replace("Et vous ?", "X"))
        wrong += [(key, m.group()) for m in re.finditer(r"\w +[;:!?](?=\s|$)|[«»]", seen)]
    assert not wrong, wrong


SPACED_LIKE_FRENCH = re.compile(rf"[{NNBSP}{NBSP}](?=[;:!?%»])|(?<=«)[{NNBSP}{NBSP}]")


def test_english_messages_hold_no_french_spacing() -> None:
    """A French message copied into the English catalog keeps its no-break spaces, which
    no eye sees there ("Done\u202f!", "Reason\u00a0:", "50\u00a0%") and the test above,
    reading plain spaces, lets through. Every catalog file is read, the CLI's too."""
    wrong = []
    for key, text in messages("en").items():
        seen = prose(text.replace("Et vous ?", "X"))
        wrong += [(key, repr(m.group())) for m in SPACED_LIKE_FRENCH.finditer(seen)]
    assert not wrong, wrong


@pytest.mark.parametrize(
    "text",
    [
        "Done\u202f! Reason\u00a0: X",
        "Reason\u00a0: X",
        "{ $percent }\u00a0%",
        'It is set{"\u202f"}? Yes',
        "«\u202fX",
    ],
)
def test_the_english_spacing_check_catches_a_french_space(text: str) -> None:
    assert SPACED_LIKE_FRENCH.search(prose(text)), text


def test_english_messages_spell_their_hours_out() -> None:
    """« 18 h », « 72 h » are French; an English moderator read "A reminder 500 h before
    the close … discussions last 72 h", and /setup's duration "(1–720 h)"."""
    wrong = []
    for key, text in messages("en").items():
        wrong += [(key, m.group()) for m in re.finditer(r"(?:\d|\}) ?h\b", text)]
    assert not wrong, wrong


ANSWERING = re.compile(r"(?i)\banswer(?:s|ed|ing)?\b")
SYSTEMS_ANSWER = re.compile(r"(?i)\b(?:is not answering|answered(?: with| when|:))")
"""A database, Discord or a web site answering (or not): machines, not members."""


def test_english_messages_say_reply_where_a_member_writes() -> None:
    """The product says "reply" ("Reply" button, "Stored replies"): the help read "Answer
    in the question's thread", and option descriptions "Answer options", beside it.
    ``/answers`` (the command's registered name) is a command to type, not prose."""
    wrong = []
    for key, text in messages("en").items():
        if key.startswith(("cmd-", "opt-")) and not key.endswith("-desc"):
            continue  # a name Discord registers
        seen = SYSTEMS_ANSWER.sub("X", prose(text))
        wrong += [(key, m.group()) for m in ANSWERING.finditer(seen)]
    assert not wrong, wrong


COUNTED = re.compile(r"\{ \$(\w+) \} (\w[\w’']*)")
LIMITS = {"max", "min", "chars"}  # a bound the bot sets, never one: "1 à { $max } caractères"
CHOICES = {"missing", "kind"}
"""Selectors on a word, not a count: « missing » chooses a reason, « kind » a streak's."""
INVARIABLE = {
    "fr": {"h", "avant", "d’accord", "pas"},
    "en": {"h", "before", "of", "more", "left", "added", "skipped", "declared", "inferred",
           "review"},
}  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_count_before_a_noun_takes_its_plural_from_the_count(language: str) -> None:
    """« 1 réponses » under a theme: a number a member sees before a noun goes through
    a plural selector (``{ $n -> [one] … *[other] … }``), not one fixed form."""
    every = messages("fr") | messages("en")
    counts = {
        name
        for text in every.values()
        if "[one]" in text
        for name in re.findall(r"\{ \$(\w+) ->", text)
    }
    counts -= LIMITS | CHOICES  # the names the catalogs count with: numbers a member reads
    wrong = []
    for key, text in messages(language).items():
        for line in text.splitlines():
            if re.match(r"\s*\*?\[", line):
                continue  # a variant of a selector: its form is chosen by the count
            for name, word in COUNTED.findall(line):
                if name in counts and word not in INVARIABLE[language]:
                    wrong.append((key, f"{{ ${name} }} {word}"))
    assert not wrong, wrong


def test_a_theme_of_one_reply_says_one_reply() -> None:
    assert i18n.t("summary-theme", "fr", label="emploi", n=1, mix="") == "🏷️ emploi · 1 réponse"
    assert i18n.t("summary-theme", "en", label="jobs", n=1, mix="") == "🏷️ jobs · 1 reply"
    assert i18n.t("summary-theme", "fr", label="emploi", n=9, mix="").endswith("9 réponses")


COUNTS_IN_ORDER = ("reminder-so-far", "summary-counts", "web-discussion-figures",
                   "web-summary-counts", "report-counts", "stats-discussion-line")  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_participants_and_replies_are_counted_in_one_order(language: str) -> None:
    """The thread's reminder read « 3 réponses · 2 participants » where the summary
    reads « 2 participants · 3 réponses »: wherever both are counted, the members come
    first, as in the summary."""
    wrong = []
    for key in COUNTS_IN_ORDER:
        args: dict[str, object] = {"participants": 2, "replies": 3, "id": 1, "question": "Q"}
        args["share"] = ""
        shown = i18n.t(key, language, **args)
        members = shown.find("2 participant")
        replies = shown.find("3 r")
        assert members >= 0 and replies >= 0, (key, shown)
        if members > replies:
            wrong.append((key, shown))
    assert not wrong, wrong


def test_a_streak_says_what_it_counts() -> None:
    """« Série en cours : 1 »: a member's streak is a number of discussions in a row."""
    assert i18n.t("stats-streak", "fr", n=1) == "1 discussion"
    assert i18n.t("stats-streak", "fr", n=3) == "3 discussions d’affilée"
    assert i18n.t("stats-streak", "en", n=1) == "1 discussion"
    assert i18n.t("stats-streak", "en", n=3) == "3 discussions in a row"


@pytest.mark.parametrize(
    ("language", "current", "best"),
    [
        ("en", "No streak at the moment", "No streak yet"),
        ("fr", "Aucune série en ce moment", "Aucune série pour l’instant"),
    ],
)
def test_no_streak_is_said_in_words(language: str, current: str, best: str) -> None:
    """Not "Current streak: 0 discussions in a row", nor « Série en cours : 0 discussion »."""
    assert i18n.t("stats-streak", language, n=0, kind="current") == current
    assert i18n.t("stats-streak", language, n=0, kind="best") == best
    assert i18n.t("stats-streak", language, n=2, kind="best").startswith("2 discussions")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_busiest_hours_are_written_as_the_schedule_writes_its_times(language: str) -> None:
    """/stats wrote "9:00" where the schedule writes "09:00" (French: « 9 h » in both)."""
    for hour in range(24):
        schedule = i18n.t("cron-time", language, hour=hour, minute=0)
        assert i18n.t("stats-hour", language, hour=hour) == schedule
        assert i18n.t("chart-hour", language, hour=hour) == schedule


RELATIVE = ("closes", "again")  # Discord's <t:…:R>: « dans 3 jours », "in 3 days"
DATE_PREPOSITION = re.compile(
    r"(?i)\b(?:jusqu’(?:à|au)|le|au|until|on|by|at)\s+\{ \$(" + "|".join(RELATIVE) + r") \}"
)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_relative_time_is_not_put_after_a_preposition_that_wants_a_date(language: str) -> None:
    """The bot's messages show ``closes`` and ``again`` as Discord's relative timestamps:
    « rouverte jusqu’à dans 3 jours », "open until in 3 days" is what a member read."""
    path = ROOT / "bot" / "locales" / language / "etvous.ftl"
    wrong = DATE_PREPOSITION.findall(path.read_text("utf-8"))
    assert not wrong, wrong


LEAKED = {
    "post", "posts", "thread", "threads", "stance", "stances", "reply", "replies", "summary",
    "review", "link", "links", "click", "clicks", "suggestion", "suggestions", "feedback",
    "the", "and", "you", "your", "server", "channel", "settings", "opinion", "setup",
}  # fmt: skip
"""English words of the bot's own domain, as they slip into a French sentence."""


def test_french_messages_to_members_and_staff_hold_no_english_word() -> None:
    """« Forum (un post par question) »: Discord's French calls it a « publication ». The
    CLI's catalog is left out (it names the Developer Portal's English-only screens);
    English quoted in « » (« And you? ») is a quotation."""
    wrong = []
    for catalog in ("etvous.ftl", "web.ftl"):
        path = ROOT / "bot" / "locales" / "fr" / catalog
        source = path.read_text("utf-8")
        keys = {line.split("=", 1)[0].strip() for line in source.splitlines() if "=" in line}
        for key, text in messages("fr").items():
            if key not in keys or (key.startswith(("cmd-", "opt-")) and "-desc" not in key):
                continue  # command and option names are checked as Discord names
            text = re.sub(r"\{ \$\w+ ->|\*?\[\w+\]", " ", text)  # selectors and variant keys
            seen = re.sub(r"«[^»]*»", " ", prose(text))
            words = set(re.findall(r"[a-zà-ÿ’]+", seen.lower()))
            wrong += [(key, word) for word in sorted(words & LEAKED)]
    assert not wrong, wrong


@pytest.mark.parametrize("language", ["fr", "en"])
def test_counts_are_written_with_the_languages_digit_grouping(language: str) -> None:
    """« 1500 réponses » is « 1 500 réponses » in French (a narrow no-break space, so the
    number never breaks across lines) and "1,500 replies" in English: every variable a
    message chooses a plural form by is a count, grouped wherever a message shows it;
    ids, years and numbers (<#…>, « n° 1234 ») keep their digits together."""
    every = {**messages("fr"), **messages("en")}
    counts = (
        {
            name
            for text in every.values()
            if "[one]" in text
            for name in re.findall(r"\{ \$(\w+) ->", text)
        }
        - LIMITS
        - CHOICES
    )
    ungrouped = []
    for key, text in messages(language).items():
        names = set(VARIABLE.findall(text))
        if not names & counts:
            continue
        args: dict[str, object] = {name: 12345 if name in counts else "x" for name in names}
        if "missing" in names:
            args["missing"] = "no_structure"
        if "12345" in i18n.t(key, language, **args):
            ungrouped.append(key)
    assert not ungrouped, ungrouped
    grouped = {"fr": "1\u202f500 réponses", "en": "1,500 replies"}[language]
    shown = i18n.t("summary-counts", language, participants=12, replies=1500)
    assert shown.endswith(grouped)
    assert i18n.t("question-posted", language, id=1234, thread=1456074443980800023).endswith(
        "1234 publiée\u00a0: <#1456074443980800023>"
        if language == "fr"
        else "<#1456074443980800023>"
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_long_argument_is_written_whole(language: str) -> None:
    """Fluent formats an argument over 2,500 characters as ``{???}``: the text report of an
    export with a long question printed « ## Question : {???} »."""
    long = "mot " * 1000 + "fin"
    text = i18n.t("report-question", language, question=long)
    assert long in text and "{???}" not in text
    both = i18n.t("cli-import-added", language, id=7, text=long, options="x" * 3000)
    assert long in both and "x" * 3000 in both and "{???}" not in both


def test_messages_given_no_number_read_only_their_own_catalog() -> None:
    """The plural variables (which need both languages' catalogs parsed) are looked for
    only when a message is given a number: the CLI's help texts, built at each start,
    parse the French CLI catalog alone (the counts' grouping: the test above)."""
    from bot.cli.parser import build_parser

    i18n._bundle.cache_clear()
    i18n._counted.cache_clear()
    try:
        build_parser("fr")
        assert i18n._counted.cache_info().currsize == 0
        assert i18n._bundle.cache_info().currsize == 1
        i18n.t("cli-bad-lines-more", "fr", file="f", more=1500)
        assert i18n._counted.cache_info().currsize == 1
    finally:
        i18n._bundle.cache_clear()
        i18n._counted.cache_clear()
