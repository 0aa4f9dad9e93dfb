"""The full garbage collection runs at chosen moments, and frozen objects do not leak."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from operator_console import gc_pauses


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture
def unfreeze_after() -> Iterator[None]:
    yield
    gc.unfreeze()


def _cycle() -> weakref.ref[_Node]:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_settle_freezes_the_survivors(unfreeze_after: None) -> None:
    kept = [_Node() for _ in range(100)]
    gc_pauses.settle()
    assert gc.get_freeze_count() >= len(kept)


def test_a_cycle_frozen_by_one_settle_is_reclaimed_by_the_next(unfreeze_after: None) -> None:
    holder = [_cycle()]  # alive (the cycle holds itself) until collected
    gc_pauses.settle()  # the cycle is garbage: collected before anything is frozen
    assert holder[0]() is None
    node = _Node()
    node.other = _Node()
    node.other.other = node
    ref = weakref.ref(node)
    gc_pauses.settle()  # the cycle is alive (``node`` refers to it): frozen
    del node
    gc.collect()
    assert ref() is not None  # frozen: a normal collection does not look at it
    gc_pauses.settle()
    assert ref() is None  # the next settle unfreezes first, so it is reclaimed
