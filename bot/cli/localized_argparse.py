"""argparse in the CLI's language: usage, headings, the help option and its own errors.

argparse words its errors in English (through ``gettext``, with no catalog of
ours); :func:`translate` recognises each one an operator can cause and words it
from the project's catalogs. One it does not know stays as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any, NoReturn

from bot.i18n import t

_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"the following arguments are required: (?P<names>.*)", "cli-argparse-required"),
        (r"unrecognized arguments: (?P<names>.*)", "cli-argparse-unrecognized"),
        (r"expected one argument", "cli-argparse-expected-one"),
        (
            r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
            "cli-argparse-invalid-choice",
        ),
        (r"invalid (?P<type>\S+) value: (?P<value>.*)", "cli-argparse-invalid-value"),
        (
            r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)",
            "cli-argparse-ambiguous",
        ),
        (r"ignored explicit argument (?P<value>.*)", "cli-argparse-ignored-explicit"),
    )
)
_ARGUMENT = re.compile(r"argument (?P<argument>\S+): (?P<message>.*)", re.DOTALL)


def translate(message: str, language: str) -> str:
    """argparse's English ``message`` in ``language`` (unchanged when it is not one it knows)."""
    if found := _ARGUMENT.fullmatch(message):
        inner = translate(found["message"], language)
        return t("cli-argparse-argument", language, argument=found["argument"], message=inner)
    for pattern, key in _ERRORS:
        if found := pattern.fullmatch(message):
            return t(key, language, **found.groupdict())
    return message


class LocalizedFormatter(argparse.HelpFormatter):
    """Help whose ``usage:`` prefix is in ``language``."""

    def __init__(self, prog: str, *, language: str, **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self.language = language

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = t("cli-usage", self.language) + " "
        super().add_usage(usage, actions, groups, prefix)


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Sub-commands whose own ``--help`` opens with the line their parent lists them with."""

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if "help" in kwargs:
            kwargs.setdefault("description", kwargs["help"])
        return super().add_parser(name, **kwargs)


class LocalizedParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` (and its sub-commands') speaking ``language``."""

    def __init__(
        self,
        prog: str | None = None,
        *,
        language: str,
        add_help: bool = True,
        command: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("formatter_class", partial(LocalizedFormatter, language=language))
        parents = kwargs.pop("parents", ())
        super().__init__(prog, add_help=False, **kwargs)
        self.language = language
        self.command = command
        self._positionals.title = t("cli-heading-positionals", language)
        self._optionals.title = t("cli-heading-options", language)
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=t("cli-help-help", language),
            )
        for parent in parents:  # after the help option, as argparse itself orders them
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault(
            "parser_class", partial(LocalizedParser, language=self.language, command=True)
        )
        kwargs.setdefault("metavar", t("cli-metavar-command", self.language))
        kwargs.setdefault("action", _Commands)
        return super().add_subparsers(**kwargs)

    def _missing_command(self, message: str) -> str:
        """The commands to choose from, when ``message`` is argparse's saying none was given."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction) and message == (
                f"the following arguments are required: {action.metavar}"  # argparse's words
            ):
                return ", ".join(action.choices)
        return ""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """A command's own arguments: one it does not know is refused under its usage
        (argparse leaves it to the top parser, whose usage names no option of the command)."""
        parsed, extras = super().parse_known_args(args, namespace)
        if extras and self.command and self._subparsers is None:
            self.error(f"unrecognized arguments: {' '.join(extras)}")  # argparse's words
        return parsed, extras

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        said = translate(message, self.language)
        if commands := self._missing_command(message):  # its usage shows only COMMAND
            said = t("cli-argparse-command-choices", self.language, said=said, commands=commands)
        self.exit(2, t("cli-usage-error", self.language, prog=self.prog, message=said) + "\n")
