"""Instrument channels by the names their master data gives in both languages.

Stored records and audit entries name a channel by its key (``do``); every screen, the
Records page and the PDF show the channel's name in the reader's language instead
("溶存酸素" / "Dissolved O2"). The station's channels are remembered here as they become
known (the instrument runtime when it starts, an export from the command line); a key no
channel has any more is shown as it is stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale

from operator_console.domain.channels import ChannelConfig

_known: dict[str, ChannelConfig] = {}


def remember_channels(channels: Iterable[ChannelConfig]) -> None:
    for channel in channels:
        _known[channel.key] = channel


def channel_label(key: str) -> str:
    """The channel's name in the current language (the stored key if unknown)."""
    channel = _known.get(key)
    if channel is None:
        return key
    return channel.name("ja" if QLocale().language() == QLocale.Language.Japanese else "en")
