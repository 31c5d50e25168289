"""Embeds drafted without a thought for size, packed into messages Discord accepts.

A renderer describes what to show as :class:`EmbedDraft` objects (any number
of fields of any length); :func:`pack` measures and returns the messages to
send, every one within every limit of :mod:`.limits`:

- each piece is cut to its own limit with "…" (a renderer that wants a clean
  cut, say between lines, builds its field values to :data:`limits.FIELD_VALUE`
  itself);
- a draft with more fields than one embed holds (25, or 6,000 characters with
  its title, description and footer) continues in further embeds of the same
  colour; the footer and the image go on its last embed;
- embeds fill a message up to 10 and 6,000 characters together, then the next
  message starts; an embed's image file travels with it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import discord

from bot.discord_render import limits
from bot.discord_render.limits import fit, size

EMPTY = "—"
"""Stands for an empty field name or value (Discord refuses empty ones)."""


@dataclass
class EmbedDraft:
    colour: discord.Colour
    title: str | None = None
    description: str | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)
    footer: str | None = None
    image: str | None = None
    """File name of an attachment the embed shows (``attachment://<name>``)."""


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    content: str | None
    embeds: tuple[discord.Embed, ...]
    attachments: tuple[tuple[str, bytes], ...] = ()
    """``(file name, bytes)`` of the images its embeds show."""
    descriptions: tuple[tuple[str, str], ...] = ()
    """``(file name, alt text)`` of those images that have one."""

    def files(self) -> list[discord.File]:
        """Fresh files for one send (a :class:`discord.File` is read once), with their alt text."""
        alt = dict(self.descriptions)
        return [
            discord.File(io.BytesIO(data), filename=name, description=alt.get(name))
            for name, data in self.attachments
        ]


@dataclass(slots=True)
class _Part:
    embed: discord.Embed
    size: int
    image: str | None


def embed_size(embed: discord.Embed) -> int:
    """What an embed counts towards :data:`limits.EMBED_TOTAL`."""
    texts = [embed.title, embed.description, embed.footer.text, embed.author.name]
    texts += [part for f in embed.fields for part in (f.name, f.value)]
    return sum(size(text) for text in texts if text)


def pack(
    drafts: Sequence[EmbedDraft],
    *,
    content: str | None = None,
    attachments: Mapping[str, bytes] | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> list[OutgoingMessage]:
    """The messages that show ``drafts`` in order, ``content`` on the first; an attachment
    carries its alt text from ``descriptions`` (by file name)."""
    files = attachments or {}
    alt = descriptions or {}
    parts = [part for draft in drafts for part in _split(draft)]
    messages: list[OutgoingMessage] = []
    batch: list[_Part] = []
    for part in parts:
        total = sum(p.size for p in batch) + part.size
        images = {p.image for p in [*batch, part] if p.image in files}
        if batch and (
            len(batch) >= limits.EMBEDS or total > limits.EMBED_TOTAL or len(images) > limits.FILES
        ):
            messages.append(_message(content if not messages else None, batch, files, alt))
            batch = []
        batch.append(part)
    if batch or content:
        messages.append(_message(content if not messages else None, batch, files, alt))
    return messages


def _message(
    content: str | None,
    batch: list[_Part],
    files: Mapping[str, bytes],
    alt: Mapping[str, str],
) -> OutgoingMessage:
    names = [n for n in dict.fromkeys(p.image for p in batch if p.image in files) if n]
    return OutgoingMessage(
        content=fit(content, limits.CONTENT) if content else None,
        embeds=tuple(p.embed for p in batch),
        attachments=tuple((name, files[name]) for name in names),
        descriptions=tuple(
            (name, fit(alt[name], limits.ATTACHMENT_DESCRIPTION)) for name in names if name in alt
        ),
    )


def _split(draft: EmbedDraft) -> list[_Part]:
    """``draft`` as one or more embeds, each within the per-embed and per-message limits."""
    title = fit(draft.title, limits.TITLE) if draft.title else None
    footer = fit(draft.footer, limits.FOOTER) if draft.footer else None
    # leave room for at least one full field beside the head, whatever the draft holds
    room = limits.EMBED_TOTAL - limits.FIELD_NAME - limits.FIELD_VALUE
    reserve = size(footer or "")
    description = None
    if draft.description:
        budget = min(limits.DESCRIPTION, room - reserve - size(title or ""))
        description = fit(draft.description, budget)
    current = discord.Embed(colour=draft.colour, title=title, description=description)
    used = size(title or "") + size(description or "") + reserve
    parts: list[discord.Embed] = [current]
    for name, value in draft.fields:
        name = fit(name, limits.FIELD_NAME) if name.strip() else EMPTY
        value = fit(value, limits.FIELD_VALUE) if value.strip() else EMPTY
        cost = size(name) + size(value)
        if len(current.fields) >= limits.FIELDS or used + cost > limits.EMBED_TOTAL:
            current = discord.Embed(colour=draft.colour)
            parts.append(current)
            used = reserve
        current.add_field(name=name, value=value, inline=False)
        used += cost
    if footer:
        parts[-1].set_footer(text=footer)
    if draft.image:
        parts[-1].set_image(url=f"attachment://{draft.image}")
    return [
        _Part(embed, embed_size(embed), draft.image if i == len(parts) - 1 else None)
        for i, embed in enumerate(parts)
    ]
