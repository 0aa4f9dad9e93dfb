"""User identity: one canonical form of a user ID, however it was typed or scanned.

Japanese keyboards and badge scanners deliver the same ID as full-width ("ＯＰ０１") or
half-width ("op01") text, in either case. Part 11 requires IDs to be unique and never reused,
and the two-person rule compares the performer with the verifier, so every comparison and
every stored ID uses :func:`normalise_user_id`: two spellings that normalise equal are the
same person.
"""

from __future__ import annotations

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
