"""Component custom ids. They carry their state, so buttons work after a restart."""

from __future__ import annotations

PREFIX = "etvous"
NOTHING = r"(?!)"
"""The template of a base class of dynamic items: it matches no custom id, so only its
subclasses (each with its own template) answer."""
STANCE = PREFIX + r":stance:(?P<discussion>[0-9]{1,20}):(?P<option>[0-9]{1,2})"
REPLY = PREFIX + r":reply:(?P<discussion>[0-9]{1,20})"
CARD = PREFIX + r":card:(?P<discussion>[0-9]{1,20})"
REPLY_FORM = PREFIX + r":replyform:(?P<discussion>[0-9]{1,20})"
REPLY_FORM_TEXT = PREFIX + ":replyform:text"
WITHDRAW = PREFIX + r":withdraw:(?P<discussion>[0-9]{1,20})"
STANDING = PREFIX + r":standing:(?P<discussion>[0-9]{1,20})"
VOTE = PREFIX + r":vote:(?P<discussion>[0-9]{1,20}):(?P<reply>[0-9]{1,20}):(?P<value>-1|0|1)"


def stance(discussion_id: int, option: int) -> str:
    return f"{PREFIX}:stance:{discussion_id}:{option}"


def withdraw(discussion_id: int) -> str:
    """Under the answer to a stance click: withdraw the clicking member's stance."""
    return f"{PREFIX}:withdraw:{discussion_id}"


def reply(discussion_id: int) -> str:
    return f"{PREFIX}:reply:{discussion_id}"


def reply_form(discussion_id: int) -> str:
    """The reply form (a modal): its submission is recognised by this id alone."""
    return f"{PREFIX}:replyform:{discussion_id}"


def card(discussion_id: int) -> str:
    return f"{PREFIX}:card:{discussion_id}"


def standing(discussion_id: int) -> str:
    """On the voting card: where the clicking member stands among the opinion groups."""
    return f"{PREFIX}:standing:{discussion_id}"


def vote(discussion_id: int, reply_id: int, value: int) -> str:
    return f"{PREFIX}:vote:{discussion_id}:{reply_id}:{value}"


ERASE = PREFIX + r":erase:(?P<user>[0-9]{1,20}):(?P<choice>confirm|cancel)"


def erase(user_id: int, choice: str) -> str:
    """A button of ``/mydata delete``'s confirmation: confirm or cancel, for that member."""
    return f"{PREFIX}:erase:{user_id}:{choice}"


ERASE_SERVER = PREFIX + r":eraseserver:(?P<choice>form|cancel)"
ERASE_SERVER_FORM = PREFIX + ":eraseserverform"
ERASE_SERVER_NAME = PREFIX + ":eraseserverform:name"


def erase_server(choice: str) -> str:
    """A button of ``/erase-and-leave``'s warning: open the form that confirms, or cancel."""
    return f"{PREFIX}:eraseserver:{choice}"


REVIEW_ACTIONS = ("approve", "next", "edit", "reject")
REVIEW = PREFIX + r":suggestion:(?P<suggestion>[0-9]{1,20}):(?P<action>approve|next|edit|reject)"


def review(suggestion_id: int, action: str) -> str:
    """A review button of a suggestion: approve (end of the bank), next, edit or reject."""
    return f"{PREFIX}:suggestion:{suggestion_id}:{action}"


SUGGESTION_FORM = PREFIX + r":suggestionform:(?P<suggestion>[0-9]{1,20}):(?P<action>edit|reject)"
SUGGESTION_FORM_FIELDS = ("text", "options", "category", "reason")


def suggestion_form(suggestion_id: int, action: str) -> str:
    """The edit or reject form of a suggestion (a modal), recognised by this id alone."""
    return f"{PREFIX}:suggestionform:{suggestion_id}:{action}"


def suggestion_form_field(name: str) -> str:
    return f"{PREFIX}:suggestionform:{name}"


PAGE_DIRECTION = r"(?P<direction>prev|next):(?P<cursor>[0-9]{1,20})"
ANSWERS_PAGE = (
    PREFIX + r":answers:" + PAGE_DIRECTION + r":(?P<discussion>[0-9]{0,20}):(?P<member>[0-9]{0,20})"
)
ANSWERS_SEARCH_PAGE = (
    PREFIX
    + r":answersq:"
    + PAGE_DIRECTION.replace("[0-9]{1,20}", "[0-9a-z]{1,13}")
    + r":(?P<discussion>[0-9a-z]{0,11}):(?P<member>[0-9a-z]{0,13}):(?P<search>.{1,36})"
)
BANK_PAGE = PREFIX + r":bank:" + PAGE_DIRECTION + r":(?P<category>.{0,40})"
SUGGESTIONS_PAGE = PREFIX + r":suggestions:" + PAGE_DIRECTION
SUGGESTIONS_PICK = PREFIX + ":suggestions:pick"


def answers_page(direction: str, cursor: int, discussion: int | None, member: int | None) -> str:
    """A Previous/Next button of ``/answers list``: where to turn and the list's filters
    (at most 20 + 20 + 1 + 16 + 1 + 20 characters)."""
    return f"{PREFIX}:answers:{direction}:{cursor}:{discussion or ''}:{member or ''}"


def answers_search_page(
    direction: str, cursor: int, discussion: int | None, member: int | None, search: str
) -> str:
    """A Previous/Next button of ``/answers list`` with a search of at most 36 characters:
    its ids in base 36 leave the search room (21 + 13 + 1 + 11 + 1 + 13 + 1 + 36 = 97)."""
    ids = (_base36(discussion) if discussion else "", _base36(member) if member else "")
    return f"{PREFIX}:answersq:{direction}:{_base36(cursor)}:{ids[0]}:{ids[1]}:{search}"


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
        if not number:
            return digits


def bank_page(direction: str, cursor: int, category: str | None) -> str:
    """A Previous/Next button of ``/question list``; a category has at most 40 characters."""
    return f"{PREFIX}:bank:{direction}:{cursor}:{category or ''}"


def suggestions_page(direction: str, cursor: int) -> str:
    """A Previous/Next button of ``/question suggestions``."""
    return f"{PREFIX}:suggestions:{direction}:{cursor}"
