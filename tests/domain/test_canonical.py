"""RFC 8785 canonical JSON and the content hash."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_console.domain.canonical import CanonicalisationError, canonical_json, content_hash


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (333333333.33333329, "333333333.3333333"),
        (1e30, "1e+30"),
        (4.50, "4.5"),
        (2e-3, "0.002"),
        (0.000000000000000000000000001, "1e-27"),
        (-0.0, "0"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (1e-7, "1e-7"),
        (1e-6, "0.000001"),
        (5e-324, "5e-324"),
        (-1.5, "-1.5"),
        (10, "10"),
    ],
)
def test_numbers_follow_ecmascript(value: float, expected: str) -> None:
    assert canonical_json(value).decode() == expected


def test_rfc8785_sample_object() -> None:
    value = {
        "numbers": [333333333.33333329, 1e30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000f\nA'B\"\\\\\"/",
        "literals": [None, True, False],
    }
    expected = (
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    )
    assert canonical_json(value).decode() == expected


def test_keys_sorted_by_utf16_code_units() -> None:
    # U+1F600 (surrogate pair D83D DE00) sorts before U+FF21 in UTF-16, after it in code points.
    value = {"\uff21": 1, "\U0001f600": 2, "a": 3}
    assert canonical_json(value).decode() == '{"a":3,"\U0001f600":2,"\uff21":1}'


def test_nfc_normalisation_gives_one_hash() -> None:
    composed = {"name": "\u30ac\u5c71\u7530"}  # ガ as one code point
    decomposed = {"name": "\u30ab\u3099\u5c71\u7530"}  # カ + combining voiced mark
    assert composed != decomposed
    assert content_hash(composed) == content_hash(decomposed)


def test_key_order_does_not_matter() -> None:
    assert content_hash({"a": 1, "b": [1, 2]}) == content_hash({"b": [1, 2], "a": 1})


@pytest.mark.parametrize("bad", [math.nan, math.inf, {1: "x"}, {"s": {1, 2}}, 2**60, "\ud800"])
def test_unrepresentable_values_are_refused(bad: object) -> None:
    with pytest.raises(CanonicalisationError):
        canonical_json(bad)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=12,
)


@given(json_values)
def test_fast_path_agrees_with_the_general_encoder(value: object) -> None:
    from operator_console.domain import canonical

    try:
        general: list[str] = []
        canonical._encode(canonical.normalise(value), general)
        expected = "".join(general).encode("utf-8")
    except (CanonicalisationError, UnicodeEncodeError):
        with pytest.raises(CanonicalisationError):
            canonical_json(value)
        return
    assert canonical_json(value) == expected
