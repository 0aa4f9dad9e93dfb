"""Strict parser for ISBT 128 data structures (ICCBBA ST-001, checked against v6.2.2).

Interpreted structures:

* 001 Donation Identification Number ``=αppppyynnnnnnff``: 13-character DIN (α in A-N, P-Z,
  1-9; pppp: two of A-N, P-Z, 0-9 then two digits; yy and nnnnnn digits) and flags ff:
  00 unused, 01-19 ICCBBA-defined, 20-59 local, 60-96 = 60 + the ISO/IEC 7064 Mod 37-2 check
  value of the DIN (verified), 97-99 and alphanumeric flags reserved (refused).
* The keyed (eye-readable, manual entry) DIN: the 13 characters followed by the keyboard
  entry check character K (Mod 37-2 over 0-9, A-Z, ``*``); spaces ignored, case folded.
* 003 Product Code ``=<αooootds`` (structure only, no licensed code tables), see
  :class:`ProductCode`.
* 004 Expiration Date ``=>cyyjjj`` (taken as 23:59 of that day, since the item expires at
  the end of it) and 005 Expiration Date and Time ``&>cyyjjjhhmm``. Assumption (not
  confirmed from ST-001): the century digit c is the last digit of the century count, so
  0 -> 20yy, 1 -> 21yy, ..., 8 -> 28yy and 9 -> 19yy. Times are the labelling facility's
  local time; the datetime is naive.
* 023 Compound Message ``=+aabbb``: aa structures follow, concatenated with no separator;
  the count is verified, bbb (message type, table RT017) is kept but not checked.
* 040 Chain of Identity Identifier ``&/CHαppppyynnnnnn`` (ST-001 2.4.40): literal "CH",
  the issuer's FIN, a nominal year and a 6-character A-Z/0-9 sequence; the 15 characters
  are the CoI. Its keyboard entry check character is ``mod37_2_check(coi)``.

Every other ICCBBA structure of table RT003 is split off by its length and kept, unread, in
:attr:`Isbt128Label.structures`. Nationally defined ones (``&a``-``&z``, ``&;``, ``&!``) have
no length known here and are refused. Linear codes read concatenated (ST-001 chapter 10) are
accepted without the 023 header. Each structure may appear once; 004 and 005 not together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from operator_console.domain.scan_input import LabelError, describe_char

MOD37_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
_DIGITS = frozenset("0123456789")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_FIN = frozenset("ABCDEFGHIJKLMNPQRSTUVWXYZ0123456789")  # A-N, P-Z, 0-9
DIN_FIRST = _FIN - {"0"}
_ALNUM = _DIGITS | _UPPER | _LOWER

# data identifier -> (number, name, content length or None when carried in the content)
_STRUCTURES: dict[str, tuple[str, str, int | None]] = {
    "=%": ("002", "Blood Groups", 4), "=<": ("003", "Product Code", 8),
    "=>": ("004", "Expiration Date", 6), "&>": ("005", "Expiration Date and Time", 10),
    "=*": ("006", "Collection Date", 6), "&*": ("007", "Collection Date and Time", 10),
    "=}": ("008", "Production Date", 6), "&}": ("009", "Production Date and Time", 10),
    "&(": ("010", "Special Testing: General", 5), "={": ("011", "Red Cell Antigens", 18),
    "=\\": ("012", "Red Cell Antigens, General", 18),
    "&\\": ("013", "Red Cell Antigens, Finnish", 18),
    "&{": ("014", "Platelet HLA and Platelet Specific Antigens", 18),
    "=[": ("015", "HLA-A and -B Alleles", 18), '="': ("016", "HLA-DRB1 Alleles", 18),
    "=)": ("017", "Container Manufacturer and Catalog Number", 10),
    "&)": ("018", "Container Lot Number", 10), "=;": ("019", "Donor Identification Number", 21),
    "='": ("020", "Staff Member Identification Number", 11),
    "=-": ("021", "Manufacturer and Catalog Number", 10), "&-": ("022", "Lot Number", 10),
    "=+": ("023", "Compound Message", 5), "=#": ("024", "Patient Date of Birth", 10),
    "&#": ("025", "Patient Identification Number", None),
    "=]": ("026", "Expiration Month and Year", 6),
    '&"': ("027", "Transfusion Transmitted Infection Marker", 18),
    "=$": ("028", "Product Consignment", 16), "&$": ("029", "Dimensions", None),
    "&%": ("030", "Red Cell Antigens with Test History", None),
    "=(": ("031", "Flexible Date and Time", 16), "=,": ("032", "Product Divisions", 6),
    "&+": ("033", "Processing Facility Information Code", 11),
    "=/": ("034", "Processor Product Identification Code", 16),
    "&,1": ("035", "MPHO Lot Number", 18), "&,2": ("036", "MPHO Supplemental ID", 18),
    "&,3": ("037", "Global Registration Identifier for Donors (retired)", 19),
    "&,4": ("038", "Single European Code", 40),
    "&:": ("039", "Global Registration Identifier for Donors", 19),
    "&/": ("040", "Chain of Identity Identifier", 15),
}
_DIN_NAME = "Donation Identification Number"
# variable structures: digits holding the repeat count, and characters per repeat
_VARIABLE = {"&$": (2, 14), "&%": (3, 10)}


def mod37_2_check(din13: str) -> str:
    """ISO/IEC 7064 Mod 37-2 check character of ``din13`` (any string over 0-9, A-Z, ``*``).

    For a DIN this is the keyboard entry check character K; the Type 3 flags are
    ``60 + MOD37_CHARSET.index(K)`` (see :func:`flag_check_value`).
    """
    _require(din13, frozenset(MOD37_CHARSET), "data for the check character")
    total = 0
    for char in din13:
        total = (total + MOD37_CHARSET.index(char)) * 2 % 37
    return MOD37_CHARSET[(38 - total) % 37]


def flag_check_value(din13: str) -> str:
    """The Type 3 flag characters for ``din13``: 60 plus its Mod 37-2 check value."""
    return str(60 + MOD37_CHARSET.index(mod37_2_check(din13)))


@dataclass(frozen=True)
class DataStructure:
    """One ISBT 128 data structure as read: number (``"003"``), identifier, content."""

    number: str
    identifier: str
    content: str


@dataclass(frozen=True)
class ProductCode:
    """Product Code [003] ``αooootds``, split as ST-001 2.4.3 lays it out."""

    code: str
    """The 8 data characters."""
    description_code: str
    """αoooo, the Product Description Code (interpreted via ICCBBA's licensed database)."""
    collection_type: str | None
    """t, for α of E, F, H, S, P, X0 or YA-YZ; ``None`` where tds is one division code."""
    division: str
    """ds (2 characters) where t is a collection type, else the 3-character tds."""

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class Isbt128Label:
    """What an ISBT 128 scan (or keyed DIN) says. Absent fields are ``None`` (JSON ``null``)."""

    din: str | None
    flags: str | None
    check_character: str | None
    """Keyboard entry check character K of the DIN (typed, or computed for a scan)."""
    product_code: ProductCode | None
    expiry: datetime | None
    coi: str | None
    keyed: bool = False
    structures: tuple[DataStructure, ...] = ()

    def as_dict(self) -> dict[str, str | None]:
        """The JSON object as a dict, keys in the documented order."""
        return {
            "kind": "isbt128", "din": self.din, "flags": self.flags,
            "check_character": self.check_character,
            "product_code": self.product_code.code if self.product_code else None,
            "expiry": self.expiry.isoformat(timespec="minutes") if self.expiry else None,
            "coi": self.coi,
        }

    def to_json(self) -> str:
        """``{"kind": "isbt128", "din", "flags", "check_character", "product_code", "expiry",
        "coi"}``; expiry as ``YYYY-MM-DDTHH:MM``."""
        return json.dumps(self.as_dict(), ensure_ascii=False)


def _require(text: str, allowed: frozenset[str], field: str, offset: int = 0) -> None:
    if not text:
        raise LabelError("empty_field", field=field)
    for index, char in enumerate(text):
        if char not in allowed:
            raise LabelError("bad_character", field=field, char=describe_char(char),
                             position=offset + index + 1)


def _check_din13(din: str, field: str = "donation identification number") -> None:
    _require(din[0], DIN_FIRST, field)
    _require(din[1:3], _FIN, field, 1)
    _require(din[3:13], _DIGITS, field, 3)


def _julian(content: str, field: str) -> datetime:
    if not all(c in _DIGITS for c in content):
        raise LabelError("bad_date", field=field, value=content)
    century = 1900 if content[0] == "9" else 2000 + 100 * int(content[0])
    year, day = century + int(content[1:3]), int(content[3:6])
    hour, minute = (int(content[6:8]), int(content[8:10])) if len(content) == 10 else (23, 59)
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if not 1 <= day <= (366 if leap else 365) or hour > 23 or minute > 59:
        raise LabelError("bad_date", field=field, value=content)
    return datetime(year, 1, 1, hour, minute) + timedelta(days=day - 1)


def _product_code(code: str) -> ProductCode:
    field = "product code"
    _require(code[0], frozenset("ABCDEFHMNPRSTVWXY"), field)
    _require(code[1:5], _DIGITS | _UPPER, field, 1)
    alpha, tds = code[0], code[5:]
    if alpha in "EFHSP" or code[:2] == "X0" or (alpha == "Y" and code[1] in _UPPER):
        _require(tds[0], _ALNUM, field, 5)
        _require(tds[1], _DIGITS | _UPPER, field, 6)
        _require(tds[2], _DIGITS | _LOWER, field, 7)
        return ProductCode(code, code[:5], tds[0], tds[1:])
    _require(tds, _ALNUM if alpha in "ABCD" else _DIGITS, field, 5)  # A-D: nationally defined
    return ProductCode(code, code[:5], None, tds)


def _coi(content: str) -> str:
    field = "chain of identity identifier"
    if content[:2] != "CH":
        raise LabelError("bad_format", symbology="ISBT 128", problem="CoI must start with CH")
    _require(content[2], DIN_FIRST, field, 2)
    _require(content[3:5], _FIN, field, 3)
    _require(content[5:9], _DIGITS, field, 5)
    _require(content[9:], _DIGITS | _UPPER, field, 9)
    return content


def _content_length(ident: str, text: str, start: int) -> int:
    spec = _STRUCTURES[ident]
    if spec[2] is not None:
        return spec[2]
    count_digits, per_item = _VARIABLE.get(ident, (2, 1))  # 025 is aa + ll + ll characters
    head = 2 if ident == "&#" else 0
    counter = text[start + head : start + head + count_digits]
    if len(counter) < count_digits or not all(c in _DIGITS for c in counter):
        raise LabelError("truncated", field=f"data structure {spec[0]} ({spec[1]})",
                         found=len(text) - start, expected=head + count_digits)
    return head + count_digits + per_item * int(counter)


def split_structures(text: str) -> list[DataStructure]:
    """Split concatenated ISBT 128 data structures, checking each one's length and characters."""
    found: list[DataStructure] = []
    pos = 0
    while pos < len(text):
        if text[pos] not in "=&":
            raise LabelError("bad_format", symbology="ISBT 128",
                             problem=f"expected a data identifier at {pos + 1}")
        if text[pos] == "=" and text[pos + 1 : pos + 2] in DIN_FIRST:
            ident, number, name, start, length = "=", "001", _DIN_NAME, pos + 1, 15
        else:
            ident = text[pos : pos + 3] if text.startswith("&,", pos) else text[pos : pos + 2]
            if ident not in _STRUCTURES:
                raise LabelError("unknown_data_structure", identifier=ident)
            number, name, _ = _STRUCTURES[ident]
            start = pos + len(ident)
            length = _content_length(ident, text, start)
        content = text[start : start + length]
        cut = min((i for i in (content.find("="), content.find("&")) if i >= 0), default=-1)
        if cut >= 0 or len(content) < length:
            raise LabelError("truncated", field=f"data structure {number} ({name})",
                             found=cut if cut >= 0 else len(content), expected=length)
        _require(content, _ALNUM, f"data structure {number} ({name})")
        found.append(DataStructure(number, ident, content))
        pos = start + length
    return found


def parse_isbt128(text: str) -> Isbt128Label:
    """Parse normalised ISBT 128 data (one structure, a concatenation, or a 023 message)."""
    structures = split_structures(text)
    if not structures:
        raise LabelError("empty")
    body = structures
    if structures[0].number == "023":
        header, body = structures[0].content, structures[1:]
        _require(header, _DIGITS, "compound message header")
        if int(header[:2]) != len(body) or not body:
            raise LabelError("compound_mismatch", expected=int(header[:2]), found=len(body))
    by_number: dict[str, str] = {}
    for item in body:
        if item.number in by_number:
            name = _DIN_NAME if item.number == "001" else _STRUCTURES[item.identifier][1]
            raise LabelError("duplicate_structure", number=item.number, name=name)
        by_number[item.number] = item.content
    if "023" in by_number:
        raise LabelError("bad_format", symbology="ISBT 128", problem="nested compound message")
    if "004" in by_number and "005" in by_number:
        raise LabelError("duplicate_structure", number="004/005", name="Expiration Date")
    din = flags = check = None
    if "001" in by_number:
        din, flags = by_number["001"][:13], by_number["001"][13:]
        _check_din13(din)
        check = mod37_2_check(din)
        if not all(c in _DIGITS for c in flags) or flags >= "97":
            raise LabelError("bad_flags", flags=flags)
        if flags >= "60" and flags != flag_check_value(din):
            raise LabelError("din_check_character", din=din, expected=flag_check_value(din),
                             found=flags)
    expiry_data = by_number.get("005") or by_number.get("004")
    return Isbt128Label(
        din=din, flags=flags, check_character=check,
        product_code=_product_code(by_number["003"]) if "003" in by_number else None,
        expiry=_julian(expiry_data, "expiration date") if expiry_data else None,
        coi=_coi(by_number["040"]) if "040" in by_number else None,
        structures=tuple(structures),
    )


def looks_like_keyed_din(text: str) -> bool:
    """True for typed text meant as a DIN plus check character (see :func:`parse_keyed_din`).

    Once spaces are dropped and case folded: 12-16 characters of the Mod 37-2 set starting
    with a valid first DIN character, and either exactly 14 long or starting with a letter
    (GS1 data never starts with a letter), so that near misses get a DIN-specific message.
    """
    compact = text.replace(" ", "").upper()
    if not 12 <= len(compact) <= 16 or compact[0] not in DIN_FIRST:
        return False
    if not all(c in MOD37_CHARSET for c in compact):
        return False
    return len(compact) == 14 or compact[0] in _UPPER


def parse_keyed_din(text: str) -> Isbt128Label:
    """Parse a typed DIN: the 13 characters then the check character K (spaces ignored)."""
    compact = text.replace(" ", "").upper()
    if len(compact) != 14:
        error = "truncated" if len(compact) < 14 else "field_too_long"
        raise LabelError(error, field="DIN with check character", found=len(compact),
                         expected=14, length=len(compact), limit=14)
    din, typed = compact[:13], compact[13]
    _check_din13(din)
    _require(typed, frozenset(MOD37_CHARSET), "check character")
    expected = mod37_2_check(din)
    if typed != expected:
        raise LabelError("din_check_character", din=din, expected=expected, found=typed)
    return Isbt128Label(din=din, flags=None, check_character=typed, product_code=None,
                        expiry=None, coi=None, keyed=True)
