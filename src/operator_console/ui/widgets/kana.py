"""The kana layout of the on-screen keyboard: the gojūon grid and the rules of its marks.

No kanji conversion: an operator writes a comment in kana (hiragana or katakana), which a
reader in the plant reads as it is. The grid is in columns as Japanese children learn it
(あかさたなはまやらわ, each column あいうえお from the top), with the small kana, the long
vowel mark and the punctuation of a comment beside it. ゛ and ゜ are not characters of their
own here: they change the character before the cursor (か→が, は→ぱ, and again to take the
mark off), as they do on a phone's kana keyboard.

Plain Python, no Qt: :mod:`touch_keyboard` builds the keys from :data:`KANA_ROWS`.
"""

from __future__ import annotations

import unicodedata

DAKUTEN = "゛"
HANDAKUTEN = "゜"
MARKS = (DAKUTEN, HANDAKUTEN)
_COMBINING = {DAKUTEN: "\u3099", HANDAKUTEN: "\u309a"}

#: Five rows of 13 keys: the gojūon columns (や and わ with their gaps filled by 「」 and
#: punctuation), then ゛゜ー and the small kana.
KANA_ROWS: tuple[tuple[str, ...], ...] = (
    ("あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ", "゛", "ぁ", "ゃ"),
    ("い", "き", "し", "ち", "に", "ひ", "み", "「", "り", "を", "゜", "ぃ", "ゅ"),
    ("う", "く", "す", "つ", "ぬ", "ふ", "む", "ゆ", "る", "ん", "ー", "ぅ", "ょ"),
    ("え", "け", "せ", "て", "ね", "へ", "め", "」", "れ", "、", "？", "ぇ", "っ"),
    ("お", "こ", "そ", "と", "の", "ほ", "も", "よ", "ろ", "。", "！", "ぉ", "ゎ"),
)

_HIRAGANA_FIRST, _HIRAGANA_LAST = 0x3041, 0x3096  # ぁ … ゖ
_TO_KATAKANA = 0x30A1 - 0x3041


def is_kana(ch: str) -> bool:
    """A hiragana or katakana letter (not a mark or punctuation)."""
    return len(ch) == 1 and (_HIRAGANA_FIRST <= ord(ch) <= _HIRAGANA_LAST
                             or _HIRAGANA_FIRST + _TO_KATAKANA <= ord(ch)
                             <= _HIRAGANA_LAST + _TO_KATAKANA)


def katakana(ch: str) -> str:
    """The katakana of a hiragana letter; anything else (ー、。「」, marks) as it is."""
    if len(ch) == 1 and _HIRAGANA_FIRST <= ord(ch) <= _HIRAGANA_LAST:
        return chr(ord(ch) + _TO_KATAKANA)
    return ch


def with_mark(previous: str, mark: str) -> str | None:
    """``previous`` with ``mark`` (゛ or ゜) applied: か→が, は→ぱ, ば→ぱ, う→ゔ, カ→ガ; the
    same mark again takes it off (が→か). None when the character takes no such mark (あ, ん,
    a letter, nothing before the cursor)."""
    if not is_kana(previous):
        return None
    decomposed = unicodedata.normalize("NFD", previous)
    base, current = decomposed[0], decomposed[1:]
    combining = _COMBINING[mark]
    if current == combining:
        return base
    marked = unicodedata.normalize("NFC", base + combining)
    return marked if len(marked) == 1 else None
