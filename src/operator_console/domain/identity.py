"""User identity: one canonical form of a user ID, however it was typed or scanned.

Japanese keyboards and badge scanners deliver the same ID as full-width ("ＯＰ０１") or
half-width ("op01") text, in either case. Part 11 requires IDs to be unique and never reused,
and the two-person rule compares the performer with the verifier, so every comparison and
every stored ID uses :func:`normalise_user_id`: two spellings that normalise equal are the
same person.
"""

from __future__ import annotations

import re
import unicodedata

#: Longer IDs are refused: an ID is typed on a touch keyboard or scanned from a badge, and a
#: very long value is far more likely a wrong scan (a whole label) than a real ID.
MAX_USER_ID_LENGTH = 64


class InvalidUserId(ValueError):  # noqa: N818 (name fixed by the interface)
    """The text cannot be a user ID (empty, too long, control characters, inner spaces)."""


def _fold(text: str) -> str:
    # NFKC maps full-width and compatibility forms to their plain forms; casefold removes
    # case (stronger than lower(): "ß" -> "ss"). Casefolding can produce characters that are
    # not NFKC-normal again, so normalise once more to make the result a fixed point.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def normalise_user_id(raw: str) -> str:
    """Return the canonical form of a user ID: NFKC, casefolded, surrounding space removed.

    Raises :class:`InvalidUserId` if nothing is left, if the ID is longer than
    :data:`MAX_USER_ID_LENGTH`, or if it contains whitespace or any control, format
    (e.g. zero-width space), surrogate, private-use or unassigned character. Invisible
    characters are refused because they would let two IDs look identical on screen.
    """
    if not isinstance(raw, str):
        raise InvalidUserId("a user ID must be text")
    folded = _fold(raw)
    # Casefolding a folded string is stable in practice; loop to be certain (bounded).
    for _ in range(3):
        again = _fold(folded)
        if again == folded:
            break
        folded = again
    # Leading/trailing whitespace (scanner Enter/Tab, ideographic space) is harmless noise.
    uid = folded.strip()
    if not uid:
        raise InvalidUserId("the user ID is empty")
    if len(uid) > MAX_USER_ID_LENGTH:
        raise InvalidUserId(f"the user ID is longer than {MAX_USER_ID_LENGTH} characters")
    for ch in uid:
        category = unicodedata.category(ch)
        if ch.isspace() or category[0] == "Z":
            raise InvalidUserId("the user ID contains a space")
        if category[0] == "C":
            raise InvalidUserId(
                f"the user ID contains an invisible or control character (U+{ord(ch):04X})"
            )
    return uid


def same_user(a: str, b: str) -> bool:
    """True if two IDs name the same user. Invalid IDs never match anything."""
    try:
        return normalise_user_id(a) == normalise_user_id(b)
    except InvalidUserId:
        return False


#: What a new user ID may consist of (after :func:`normalise_user_id`): lower-case ASCII
#: letters, digits and ``. _ -``. Nothing outside it can be told apart on screen reliably.
NEW_ID_ALPHABET = re.compile(r"[a-z0-9._-]+")

#: Look-alikes folded by :func:`skeleton` (after NFKC and casefolding): Cyrillic, Greek and
#: other letters that render like Latin ones, and Latin characters that render like each
#: other (a compact form of the Unicode TR39 confusables for the ID alphabet).
_CONFUSABLES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "l", "ї": "l", "ј": "j",
    "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "ѕ": "s", "т": "t",
    "у": "y", "х": "x", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ь": "b", "г": "r", "п": "n",
    "ӏ": "l", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "l", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
    # Latin look-alikes within and around the ID alphabet
    "0": "o", "1": "l", "i": "l", "|": "l", "ı": "l", "ɩ": "l", "5": "s", "_": "-",
    ".": "-", "‐": "-", "‑": "-", "‒": "-", "–": "-", "−": "-",
})
_MULTI = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def skeleton(user_id: str) -> str:
    """The form two IDs share when they look alike (``ver01`` and ``vеr01`` with a Cyrillic
    ``е``, ``op01`` and ``opo1``): compare skeletons wherever "the same person" matters.
    Invalid IDs get a skeleton too (their raw NFKC-casefolded text mapped the same way)."""
    try:
        folded = normalise_user_id(user_id)
    except InvalidUserId:
        folded = _fold(user_id) if isinstance(user_id, str) else ""
    text = folded.translate(_CONFUSABLES)
    for many, one in _MULTI:
        text = text.replace(many, one)
    return text


def check_new_user_id(raw: str) -> str:
    """The normalised form of an ID for a new account; raises :class:`InvalidUserId` if it
    contains anything outside :data:`NEW_ID_ALPHABET` (so no look-alike letters at all)."""
    uid = normalise_user_id(raw)
    if not NEW_ID_ALPHABET.fullmatch(uid):
        raise InvalidUserId("a new user ID may contain only a-z, 0-9, '.', '_' and '-'")
    return uid


def confusable(a: str, b: str) -> bool:
    """True if two IDs look alike (equal skeletons), including when they are equal."""
    return skeleton(a) == skeleton(b)
