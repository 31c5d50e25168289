"""A page's HTML as a small tree (the standard library's parser), for tests that check
what a screen reader is given: labels, ids, headings, table headers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SPACES = re.compile(r"[ \t\n\r\f]+")

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def walk(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.walk()

    def find_all(self, tag: str, when: Callable[[Element], bool] = lambda e: True) -> list[Element]:
        return [e for e in self.walk() if (tag == "*" or e.tag == tag) and when(e)]

    def find(self, tag: str, when: Callable[[Element], bool] = lambda e: True) -> Element:
        found = self.find_all(tag, when)
        assert found, f"no <{tag}> here"
        return found[0]

    def by_id(self, id_: str) -> Element:
        [found] = self.find_all("*", lambda e: e.attrs.get("id") == id_)
        return found

    def text(self) -> str:
        """Its text, HTML's white space (never a no-break space) collapsed."""
        joined = "".join(c if isinstance(c, str) else f" {c.text()} " for c in self.children)
        return _SPACES.sub(" ", joined).strip()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.open)
        self.open.children.append(element)
        if tag not in VOID:
            self.open = element

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.open
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.open = node.parent

    def handle_data(self, data: str) -> None:
        self.open.children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def label_of(page: Element, control: Element) -> str:
    """The accessible name a control gets from its label (wrapping or ``for``), or
    ``aria-label``; empty when it has none."""
    if control.attrs.get("aria-label"):
        return control.attrs["aria-label"]
    for ancestor in control.ancestors():
        if ancestor.tag == "label":
            return ancestor.text()
    id_ = control.attrs.get("id")
    if id_:
        labels = page.find_all("label", lambda e: e.attrs.get("for") == id_)
        if labels:
            return labels[0].text()
    return ""
