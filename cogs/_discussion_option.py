"""The ``discussion`` option of the commands about one discussion: its id, or by
default the thread the command is run in."""

from __future__ import annotations

from typing import TypeVar

from discord import app_commands

from cogs._common import L, discussion_autocomplete

DiscussionId = app_commands.Range[int, 1, 2**53]

Command = TypeVar("Command")


def this_thread_or_id(command: Command) -> Command:
    """Name, describe and autocomplete a command's ``discussion`` option, one that
    defaults to this thread (put it under ``@app_commands.command``)."""
    command = app_commands.autocomplete(discussion=discussion_autocomplete)(command)
    command = app_commands.describe(
        discussion=L("Discussion id (default: this thread)", "opt-discussion-desc")
    )(command)
    return app_commands.rename(discussion=L("discussion", "opt-discussion"))(command)
