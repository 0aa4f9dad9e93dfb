"""Strict parser for GS1 element strings as a GS1 DataMatrix (or GS1-128) delivers them.

Accepted input (already through :func:`~operator_console.domain.scan_input.normalise_scan`):
the element string with FNC1 transmitted as GS (ASCII 29), with or without the ``]d2`` prefix,
or the bracketed human-readable form ``(01)...(17)...(10)...(21)...``.

Application Identifiers (GS1 General Specifications, section 3):

* (01) GTIN, 14 digits, mod-10 check digit verified; required.
* (17) expiry date YYMMDD; day ``00`` means the last day of the month; century by the
  sliding window of section 7.12 relative to ``today`` (49 years back, 50 ahead).
* (10) lot and (21) serial: 1-20 characters of character set 82, terminated by GS unless last.
* (11) production, (13) packaging, (15) best-before and (16) sell-by dates are predefined
  fixed-length (6 digits) and therefore safe to step over: they are validated as dates and
  kept in :attr:`Gs1Label.other`, nothing more.
* Any other AI is refused (``unknown_ai``): its length, and so where the next AI starts, is
  not known here, and guessing would risk misreading the fields that matter.

What can and cannot be detected about a missing GS between (10) and (21):

* Detected: the merged value exceeds 20 characters and contains the other AI (``21`` in a
  lot, ``10`` in a serial) at a place where both halves would fit: ``ambiguous_lot_serial``.
  Any other over-long value: ``field_too_long``.
* Not detectable: a merged value of 20 characters or fewer (e.g. ``10ABC21XYZ`` is a legal
  lot "ABC21XYZ"); the label then simply has no serial, which the cassette rules refuse.
  Likewise a lot swallowing a following (17) cannot be told from a lot containing "17...".

A duplicated AI is refused even when both values agree. Characters outside character set 82
are refused (``bad_character``); so are full-width digits, which never get here.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date

from operator_console.domain.scan_input import GS, LabelError, describe_char

CHARSET_82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)
"""GS1 AI encodable character set 82 (General Specifications figure 7.11-1)."""

VARIABLE_MAX = 20

# AI -> (English field name, fixed length or None for variable)
_AIS: dict[str, tuple[str, int | None]] = {
    "01": ("GTIN (01)", 14),
    "10": ("lot number (10)", None),
    "11": ("production date (11)", 6),
    "13": ("packaging date (13)", 6),
    "15": ("best-before date (15)", 6),
    "16": ("sell-by date (16)", 6),
    "17": ("expiry date (17)", 6),
    "21": ("serial number (21)", None),
}
_DATE_AIS = frozenset({"11", "13", "15", "16", "17"})
_PARTNER = {"10": "21", "21": "10"}


@dataclass(frozen=True)
class Gs1Label:
    """What a GS1 label says. Absent optional fields are ``None`` (``null`` in JSON)."""

    gtin: str
    lot: str | None
    expiry: date | None
    serial: str | None
    other: tuple[tuple[str, str], ...] = ()
    """Validated but otherwise unused (AI, value) pairs, e.g. ``("11", "240101")``."""

    def as_dict(self) -> dict[str, str | None]:
        """The JSON object as a dict, keys in the documented order."""
        return {
            "kind": "gs1",
            "gtin": self.gtin,
            "lot": self.lot,
            "expiry": self.expiry.isoformat() if self.expiry else None,
            "serial": self.serial,
        }

    def to_json(self) -> str:
        """``{"kind": "gs1", "gtin": ..., "lot": ..., "expiry": "YYYY-MM-DD", "serial": ...}``."""
        return json.dumps(self.as_dict(), ensure_ascii=False)


def gtin_check_digit(body: str) -> str:
    """Mod-10 check digit for the digits of a GTIN without its check digit."""
    if not body:
        raise LabelError("empty_field", field="GTIN")
    for index, char in enumerate(body):
        if not "0" <= char <= "9":
            raise LabelError("bad_character", field="GTIN", char=describe_char(char),
                             position=index + 1)
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str(-total % 10)


def _is_digits(text: str) -> bool:
    return all("0" <= c <= "9" for c in text)


def resolve_century(yy: int, today: date) -> int:
    """Full year for a two-digit year, GS1 General Specifications 7.12 sliding window."""
    century, current = divmod(today.year, 100)
    diff = yy - current
    if 51 <= diff <= 99:
        century -= 1
    elif -99 <= diff <= -50:
        century += 1
    return century * 100 + yy


def parse_gs1_date(value: str, *, today: date, field: str = "date") -> date:
    """Parse YYMMDD; day ``00`` is the last day of the month. Raises ``bad_date``."""
    if len(value) != 6 or not _is_digits(value):
        raise LabelError("bad_date", field=field, value=value)
    year = resolve_century(int(value[:2]), today)
    month, day = int(value[2:4]), int(value[4:6])
    if not 1 <= month <= 12:
        raise LabelError("bad_date", field=field, value=value)
    last = calendar.monthrange(year, month)[1]
    if day > last:
        raise LabelError("bad_date", field=field, value=value)
    return date(year, month, day or last)


def _split_element_string(data: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    pos, end = 0, len(data)
    while pos < end:
        ai = data[pos : pos + 2]
        if len(ai) < 2 or not _is_digits(ai):
            problem = "empty element" if data[pos] == GS else "expected an AI"
            raise LabelError("bad_format", symbology="GS1", problem=f"{problem} at {pos + 1}")
        if ai not in _AIS:
            digits = data[pos : pos + 4]
            raise LabelError("unknown_ai", ai=digits if _is_digits(digits) else ai)
        name, fixed = _AIS[ai]
        start = pos + 2
        if fixed is not None:
            value = data[start : start + fixed].split(GS, 1)[0]
            if len(value) < fixed:
                raise LabelError("truncated", field=name, found=len(value), expected=fixed)
            pos = start + fixed
            if pos < end and data[pos] == GS:  # FNC1 after a predefined-length AI: tolerated
                pos += 1
        else:
            stop = data.find(GS, start)
            stop = end if stop == -1 else stop
            value = data[start:stop]
            pos = stop + 1
        pairs.append((ai, value))
    return pairs


def _split_bracketed(text: str) -> list[tuple[str, str]]:
    """``(ai)value(ai)value``; a value ends where the next ``(`` + 2-4 digits + ``)`` starts."""

    def ai_at(index: int) -> int:  # index of ")" closing an AI token at index, else -1
        close = text.find(")", index + 1, index + 6)
        return close if close - index - 1 >= 2 and _is_digits(text[index + 1 : close]) else -1

    pairs: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        close = ai_at(pos) if text[pos] == "(" else -1
        if close == -1:
            raise LabelError("bad_format", symbology="GS1", problem=f"expected (AI) at {pos + 1}")
        nxt = text.find("(", close + 1)
        while nxt != -1 and ai_at(nxt) == -1:
            nxt = text.find("(", nxt + 1)
        stop = len(text) if nxt == -1 else nxt
        pairs.append((text[pos + 1 : close], text[close + 1 : stop]))
        pos = stop
    return pairs


def _check_value(ai: str, value: str) -> None:
    if ai not in _AIS:
        raise LabelError("unknown_ai", ai=ai)
    name, fixed = _AIS[ai]
    if fixed is not None:
        if len(value) < fixed:
            raise LabelError("truncated", field=name, found=len(value), expected=fixed)
        if len(value) > fixed:
            raise LabelError("field_too_long", field=name, length=len(value), limit=fixed)
        for index, char in enumerate(value):
            if not "0" <= char <= "9":
                raise LabelError("bad_character", field=name, char=describe_char(char),
                                 position=index + 1)
        return
    if not value:
        raise LabelError("empty_field", field=name)
    for index, char in enumerate(value):
        if char not in CHARSET_82:
            raise LabelError("bad_character", field=name, char=describe_char(char),
                             position=index + 1)
    if len(value) > VARIABLE_MAX:
        partner = _PARTNER[ai]
        for cut in range(1, VARIABLE_MAX + 1):
            rest = len(value) - cut - 2
            if value.startswith(partner, cut) and 1 <= rest <= VARIABLE_MAX:
                raise LabelError("ambiguous_lot_serial", field=name, length=len(value))
        raise LabelError("field_too_long", field=name, length=len(value), limit=VARIABLE_MAX)


def parse_gs1(text: str, *, today: date) -> Gs1Label:
    """Parse a normalised GS1 element string or bracketed HRI string into a :class:`Gs1Label`.

    Raises :class:`LabelError` (never anything else) when the data is not a valid label.
    """
    pairs = _split_bracketed(text) if text.startswith("(") else _split_element_string(text)
    values: dict[str, str] = {}
    for ai, value in pairs:
        _check_value(ai, value)
        if ai in values:
            raise LabelError("duplicate_ai", ai=ai)
        values[ai] = value
    gtin = values.get("01")
    if gtin is None:
        raise LabelError("missing_field", field=_AIS["01"][0])
    expected = gtin_check_digit(gtin[:13])
    if gtin[13] != expected:
        raise LabelError("gtin_check_digit", gtin=gtin, expected=expected)
    dates = {ai: parse_gs1_date(values[ai], today=today, field=_AIS[ai][0])
             for ai in sorted(_DATE_AIS) if ai in values}
    other = tuple((ai, values[ai]) for ai in sorted(values) if ai in _DATE_AIS - {"17"})
    return Gs1Label(gtin=gtin, lot=values.get("10"), expiry=dates.get("17"),
                    serial=values.get("21"), other=other)
