"""User ID normalisation: one person, one ID, however it is typed or scanned."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_console.domain.identity import (
    MAX_USER_ID_LENGTH,
    InvalidUserId,
    normalise_user_id,
    same_user,
)

ASCII_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_.@"
PADDING = ["", " ", "\u3000", "\t", "\r\n", "\n", "  \u3000 "]


def fullwidth(ch: str) -> str:
    """The full-width form of a printable ASCII character."""
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


@st.composite
def id_and_variant(draw: st.DrawFn) -> tuple[str, str]:
    """A plain lower-case ASCII ID and a random case / width / padding spelling of it."""
    base = draw(st.text(alphabet=ASCII_ID_CHARS, min_size=1, max_size=20))
    chars = [
        draw(st.sampled_from([c, c.upper(), fullwidth(c), fullwidth(c.upper())])) for c in base
    ]
    return base, draw(st.sampled_from(PADDING)) + "".join(chars) + draw(st.sampled_from(PADDING))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("op01", "op01"),
        ("OP01", "op01"),
        ("ＯＰ０１", "op01"),
        ("ｏｐ０１", "op01"),
        ("Ｏp0１", "op01"),
        ("  op01  ", "op01"),
        ("\u3000ＯＰ０１\u3000", "op01"),  # ideographic space around a full-width ID
        ("op01\r\n", "op01"),  # a badge scanner's Enter
        ("\top01\t", "op01"),
        ("Straße", "strasse"),  # casefold, not lower()
        ("ｙａｍａｄａ．ｈ", "yamada.h"),
        ("山田", "山田"),
        ("ﾔﾏﾀﾞ", "ヤマダ"),  # half-width katakana folds to full-width (NFKC)
        ("yamada@example.jp", "yamada@example.jp"),
    ],
)
def test_normalise_examples(raw: str, expected: str) -> None:
    assert normalise_user_id(raw) == expected


def test_full_width_and_half_width_are_the_same_id() -> None:
    assert normalise_user_id("ＯＰ０１") == normalise_user_id("op01")
    assert same_user("ＯＰ０１", "op01")
    assert same_user("OP01 ", "\u3000op01")
    assert not same_user("op01", "op02")


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("\u3000\u3000", "empty"),
        ("\r\n", "empty"),
        ("op 01", "space"),
        ("op\u300001", "space"),  # ideographic space inside
        ("op\t01", "space"),
        ("op\n01", "space"),
        ("op\u00a001", "space"),  # no-break space (NFKC -> space)
        ("op\u200b01", "invisible"),  # zero-width space
        ("op\u200d01", "invisible"),  # zero-width joiner
        ("\ufeffop01", "invisible"),  # byte-order mark
        ("op\x0001", "invisible"),
        ("\x00op01", "invisible"),
        ("op01\x7f", "invisible"),
        ("op\x1b01", "invisible"),
        ("op\ue00001", "invisible"),  # private use
        ("x" * (MAX_USER_ID_LENGTH + 1), "longer"),
    ],
)
def test_refused(raw: str, why: str) -> None:
    with pytest.raises(InvalidUserId, match=why):
        normalise_user_id(raw)


def test_refusal_is_a_value_error() -> None:
    assert issubclass(InvalidUserId, ValueError)
    with pytest.raises(ValueError):
        normalise_user_id(" ")


def test_non_text_refused() -> None:
    with pytest.raises(InvalidUserId):
        normalise_user_id(42)  # type: ignore[arg-type]


def test_length_limit_applies_after_normalisation() -> None:
    assert normalise_user_id(" " + "x" * MAX_USER_ID_LENGTH + " ") == "x" * MAX_USER_ID_LENGTH


def test_same_user_with_invalid_ids_is_false() -> None:
    assert not same_user("", "")
    assert not same_user("op 01", "op 01")


@given(id_and_variant())
def test_any_case_width_padding_variant_is_the_same_id(pair: tuple[str, str]) -> None:
    base, variant = pair
    assert normalise_user_id(variant) == base
    assert same_user(variant, base)


@given(st.text())
def test_normalisation_is_idempotent(raw: str) -> None:
    try:
        uid = normalise_user_id(raw)
    except InvalidUserId:
        return
    assert normalise_user_id(uid) == uid


@given(st.text())
def test_result_never_has_space_or_invisible_characters(raw: str) -> None:
    try:
        uid = normalise_user_id(raw)
    except InvalidUserId:
        return
    assert uid
    assert len(uid) <= MAX_USER_ID_LENGTH
    assert all(not ch.isspace() and unicodedata.category(ch)[0] not in "CZ" for ch in uid)
