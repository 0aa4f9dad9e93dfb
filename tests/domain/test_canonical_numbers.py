"""The fast path of canonical number formatting gives exactly the general (ECMAScript)
form, over random floats of every magnitude and the edges of the fast range."""

from __future__ import annotations

import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from operator_console.domain.canonical import _number, _number_general


@settings(max_examples=3000, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x != 0))
def test_fast_path_equals_general_form(x: float) -> None:
    assert _number(x) == _number_general(x)


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_any_bit_pattern(bits: int) -> None:
    (x,) = struct.unpack("<d", bits.to_bytes(8, "little"))
    if x == x and x not in (float("inf"), float("-inf"), 0.0):
        assert _number(x) == _number_general(x)


def test_edges() -> None:
    for x in (1e-4, 0.00010000000000000002, 9.999999999999999e-05, 1e16, 9999999999999998.0,
              1e15, 37.0, -37.5, 123456789.125, 0.1 + 0.2, 5e-324, 1.7976931348623157e308):
        assert _number(x) == _number_general(x) and _number(-x) == _number_general(-x)
