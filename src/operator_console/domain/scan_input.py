"""Normalisation of raw barcode-scanner input, and the one error type of the label parsers.

A scanner acting as a keyboard delivers dirty text: a trailing CR/LF or TAB suffix, the GS
(ASCII 29, FNC1) separator replaced by a printable substitute, an AIM symbology identifier
prefix (``]d2``, ``]C1``, ``]Q3`` ...), a byte-order mark, and, when a Japanese input method
(IME) is active, full-width characters (``０１２`` instead of ``012``). :func:`normalise_scan`
undoes exactly those and refuses everything else, so the symbology parsers only ever see
printable ASCII plus GS.

:class:`LabelError` and :data:`MESSAGES` live here, in the lowest layer, so that every parser
can raise them without an import cycle; import them from
:mod:`operator_console.domain.barcode_labels`.
"""

from __future__ import annotations

from dataclasses import dataclass

GS = "\x1d"
"""Group separator, the transmitted form of FNC1 in GS1 element strings."""

MAX_LENGTH = 512
"""Longest normalised scan accepted; no single GS1 or ISBT 128 label comes near it."""

DEFAULT_GS_SUBSTITUTES: tuple[str, ...] = ("^]", "~")
"""Printable stand-ins for GS that scanners are commonly configured to send.

``^]`` is the caret notation of GS (Ctrl+]); ``~`` is a common "FNC1 substitution" setting.
A substitute must be a string that can never occur in valid data of either symbology:
neither ``^`` nor ``~`` is in GS1 character set 82, and no ISBT 128 data structure uses them,
so the mapping can only rescue input that would otherwise be refused. Pass another tuple to
match a station's scanner set-up (an empty tuple disables substitution).
"""

_FULLWIDTH_FIRST, _FULLWIDTH_LAST = 0xFF01, 0xFF5E  # full-width "!" .. "~"
_FULLWIDTH_OFFSET = 0xFEE0
_IDEOGRAPHIC_SPACE = "\u3000"
_BOM = "\ufeff"


MESSAGES: dict[str, str] = {
    "empty": "Nothing was scanned. Scan the label again, holding the scanner steady over the code.",
    "too_long": "The scanned text is {length} characters long, more than the {limit} any label "
    "holds. Scan one code at a time; if this repeats, have the scanner settings checked.",
    "control_character": "The scan contains the control character {char} at position "
    "{position}. Scan again; if this repeats, have the scanner prefix/suffix settings checked.",
    "non_ascii": "The scan contains the character {char} at position {position}, which no "
    "barcode uses. Switch the keyboard input method (IME) to direct input and scan again.",
    "bad_character": "The {field} contains the character {char} at position {position}, which "
    "is not allowed there. Rescan; if it fails again, set the item aside and call QA.",
    "unknown_symbology": "This is neither a GS1 nor an ISBT 128 label. Check that you scanned "
    "the right code (GS1 DataMatrix on the cassette, ISBT 128 on the bag) and scan again.",
    "bad_format": "The {symbology} data is not laid out as the standard requires ({problem}). "
    "Rescan; if it fails again, set the item aside and call QA.",
    "unknown_ai": "The label contains GS1 Application Identifier ({ai}), which this station does "
    "not accept. Check that you scanned the right label; if so, call QA to review it.",
    "duplicate_ai": "GS1 Application Identifier ({ai}) appears more than once on the label. "
    "The label is defective: set the item aside and call QA.",
    "missing_field": "The label has no {field}. Check that you scanned the right code; if so, "
    "the label is incomplete: set the item aside and call QA.",
    "gtin_check_digit": "The check digit of GTIN {gtin} is wrong (expected {expected}). The "
    "code was misread or misprinted: rescan; if it fails again, set the item aside and call QA.",
    "truncated": "The {field} is incomplete ({found} of {expected} characters). Rescan the whole "
    "code; if it fails again, set the item aside and call QA.",
    "empty_field": "The {field} is empty. Rescan; if it fails again, set the item aside and "
    "call QA.",
    "field_too_long": "The {field} is {length} characters long; at most {limit} are allowed. "
    "Rescan; if it fails again, set the item aside and call QA.",
    "ambiguous_lot_serial": "The {field} runs into the next field ({length} characters): the "
    "separator between lot and serial number is missing. Check that the scanner sends GS "
    "(FNC1); if another scanner reads the same, set the item aside and call QA.",
    "bad_date": "The {field} '{value}' is not a valid date or time. Rescan; if it fails again, "
    "set the item aside and call QA.",
    "din_check_character": "The check character does not match donation identification number "
    "{din} (expected {expected}, found {found}). Re-enter or rescan the DIN carefully; if it "
    "still fails, do not use the bag and call QA.",
    "bad_flags": "The DIN flag characters '{flags}' are reserved and not valid. Rescan the bag "
    "label; if it fails again, do not use the bag and call QA.",
    "unknown_data_structure": "ISBT 128 data identifier '{identifier}' is not one this station "
    "can read. Check that you scanned the right code; if so, call QA to review the label.",
    "duplicate_structure": "ISBT 128 data structure {number} ({name}) appears more than once "
    "in one scan. Scan each label code once; if this repeats, call QA.",
    "compound_mismatch": "The ISBT 128 compound message announces {expected} data structures "
    "but holds {found}. Rescan; if it fails again, set the item aside and call QA.",
    "unreadable": "The scan could not be interpreted. Scan again; if this repeats, call QA.",
}
"""Error code -> English message template (what is wrong, and what the operator should do).

Templates use ``str.format`` fields filled from :attr:`LabelError.params`; the UI translates
by code and may reuse the same params.
"""


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


class LabelError(ValueError):
    """A label could not be accepted.

    ``code`` is a stable machine code (a key of :data:`MESSAGES`), ``params`` the values shown
    in the message, ``message`` the English text saying what is wrong and what to do.
    """

    def __init__(self, code: str, **params: object) -> None:
        self.code = code if code in MESSAGES else "unreadable"
        self.params: dict[str, str] = {key: _printable(str(value)) for key, value in params.items()}
        self.message = MESSAGES[self.code].format_map(_Params(self.params))
        super().__init__(self.message)


def _printable(text: str) -> str:
    """Params end up in one-line messages: anything but printable ASCII becomes <U+XXXX>."""
    return "".join(c if " " <= c <= "~" else f"<U+{ord(c):04X}>" for c in text[:80])


def describe_char(char: str) -> str:
    """Return a safe, printable description of one character, e.g. ``'A'`` or ``U+0009``."""
    if " " < char < "\x7f":
        return f"'{char}'"
    return f"U+{ord(char):04X}"


@dataclass(frozen=True)
class NormalisedScan:
    """The cleaned scan text and what normalisation found on the way."""

    text: str
    """Printable ASCII plus GS; never empty; no leading or trailing GS."""
    aim_id: str | None
    """The AIM symbology identifier that prefixed the data (e.g. ``]d2``), if any."""
    fullwidth_converted: bool
    """True when full-width characters (from an active IME) were converted to ASCII."""


def _fold_fullwidth(text: str) -> tuple[str, bool]:
    out: list[str] = []
    changed = False
    for char in text:
        code = ord(char)
        if _FULLWIDTH_FIRST <= code <= _FULLWIDTH_LAST:
            out.append(chr(code - _FULLWIDTH_OFFSET))
            changed = True
        elif char == _IDEOGRAPHIC_SPACE:
            out.append(" ")
            changed = True
        else:
            out.append(char)
    return "".join(out), changed


def _is_aim_prefix(text: str) -> bool:
    return (
        len(text) >= 3
        and text[0] == "]"
        and text[1].isascii()
        and text[1].isalpha()
        and text[2].isascii()
        and text[2].isalnum()
    )


def normalise_scan(
    raw: str, *, gs_substitutes: tuple[str, ...] = DEFAULT_GS_SUBSTITUTES
) -> NormalisedScan:
    """Clean up one scan (or typed entry) and refuse what cannot be a label.

    Steps, in order: drop leading byte-order marks; convert full-width ASCII (U+FF01-U+FF5E)
    and the ideographic space to ASCII; strip trailing CR, LF and TAB; replace each of
    ``gs_substitutes`` with GS; drop leading GS; remove an AIM symbology identifier
    (``]`` + letter + letter/digit) and report it; strip leading and trailing GS.

    Raises :class:`LabelError` with code ``empty``, ``too_long`` (over :data:`MAX_LENGTH`),
    ``control_character`` (any control character other than GS) or ``non_ascii``.
    """
    if len(raw) > 4 * MAX_LENGTH:  # cheap guard before any work on absurd input
        raise LabelError("too_long", length=len(raw), limit=MAX_LENGTH)
    text = raw.lstrip(_BOM)
    text, converted = _fold_fullwidth(text)
    text = text.rstrip("\r\n\t")
    for substitute in gs_substitutes:
        if substitute:
            text = text.replace(substitute, GS)
    text = text.lstrip(GS)
    aim_id: str | None = None
    if _is_aim_prefix(text):
        aim_id, text = text[:3], text[3:]
    text = text.strip(GS)
    if not text:
        raise LabelError("empty")
    if len(text) > MAX_LENGTH:
        raise LabelError("too_long", length=len(text), limit=MAX_LENGTH)
    for index, char in enumerate(text):
        if char == GS:
            continue
        if char < " " or "\x7f" <= char <= "\x9f":
            raise LabelError("control_character", char=describe_char(char), position=index + 1)
        if char > "\x7e":
            raise LabelError("non_ascii", char=describe_char(char), position=index + 1)
    return NormalisedScan(text=text, aim_id=aim_id, fullwidth_converted=converted)
