"""One entry point for every label the console scans: :func:`parse_label`.

The raw scan is normalised (:mod:`operator_console.domain.scan_input`), then routed:

1. a GS1 AIM symbology identifier (``]d2`` GS1 DataMatrix, ``]C1`` GS1-128, ``]Q3`` GS1 QR,
   ``]e0`` GS1 DataBar, ``]J1`` GS1 DotCode) -> GS1 element string;
2. data starting with ``=`` or ``&`` (an ISBT 128 data identifier) -> ISBT 128;
3. data starting with ``(`` -> GS1 bracketed human-readable form;
4. typed text shaped like a DIN plus check character (spaces allowed) -> keyed DIN;
5. data starting with two digits -> GS1 element string sent without an AIM identifier;
6. anything else -> ``unknown_symbology``.

Results are the frozen dataclasses :class:`Gs1Label` and :class:`Isbt128Label`; ``to_json()``
gives the stable JSON form, with ``null`` for absent fields (never omitted keys):

* ``{"kind": "gs1", "gtin", "lot", "expiry": "YYYY-MM-DD", "serial"}``
* ``{"kind": "isbt128", "din", "flags", "check_character", "product_code",
  "expiry": "YYYY-MM-DDTHH:MM", "coi"}``

Every failure is a :class:`LabelError` (a ``ValueError``) with a stable ``code`` from
:data:`MESSAGES` and an English ``message`` saying what is wrong and what to do. Parsing is
linear in the input length (no regular expressions) and input is capped at 512 characters.
"""

from __future__ import annotations

from datetime import date
from typing import TypeAlias

from operator_console.domain.gs1 import Gs1Label, parse_gs1
from operator_console.domain.isbt128 import (
    Isbt128Label,
    ProductCode,
    looks_like_keyed_din,
    mod37_2_check,
    parse_isbt128,
    parse_keyed_din,
)
from operator_console.domain.scan_input import (
    DEFAULT_GS_SUBSTITUTES,
    GS,
    MESSAGES,
    LabelError,
    NormalisedScan,
    normalise_scan,
)

__all__ = [
    "GS1_AIM_IDS",
    "MESSAGES",
    "Gs1Label",
    "Isbt128Label",
    "Label",
    "LabelError",
    "NormalisedScan",
    "ProductCode",
    "mod37_2_check",
    "normalise_scan",
    "parse_label",
]

Label: TypeAlias = Gs1Label | Isbt128Label
"""Either kind of parsed label."""

GS1_AIM_IDS = frozenset({"]C1", "]d2", "]Q3", "]e0", "]J1"})
"""AIM symbology identifiers that announce GS1 element strings (ISO/IEC 15424)."""


def _route(scan: NormalisedScan, today: date) -> Label:
    text = scan.text
    if scan.aim_id in GS1_AIM_IDS:
        return parse_gs1(text, today=today)
    if text[0] in "=&":
        return parse_isbt128(text)
    if text[0] == "(":
        return parse_gs1(text, today=today)
    if GS not in text and looks_like_keyed_din(text):
        return parse_keyed_din(text)
    if "0" <= text[0] <= "9" and "0" <= text[1:2] <= "9":
        return parse_gs1(text, today=today)
    raise LabelError("unknown_symbology")


def parse_label(
    raw: str, *, today: date, gs_substitutes: tuple[str, ...] = DEFAULT_GS_SUBSTITUTES
) -> Label:
    """Normalise ``raw`` scanner (or typed) input and parse it as GS1 or ISBT 128.

    ``today`` anchors the GS1 two-digit-year window; pass the station's local date.
    ``gs_substitutes`` are the printable stand-ins for GS the scanner may send.
    Raises :class:`LabelError`, and nothing else, when the input is not a valid label.
    """
    try:
        return _route(normalise_scan(raw, gs_substitutes=gs_substitutes), today)
    except LabelError:
        raise
    except Exception as exc:  # safety net: the contract is LabelError only, never a crash
        raise LabelError("unreadable") from exc
