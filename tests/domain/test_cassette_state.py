"""The cassette state machine: the table is complete, illegal transitions always raise."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_console.domain.cassette_state import (
    FINAL,
    IN_BAY,
    TRANSITIONS,
    CassetteEvent,
    CassetteState,
    IllegalTransitionError,
    disposition_event,
    record_events,
    replay,
    transition,
)

S, E = CassetteState, CassetteEvent


def test_happy_path_registered_loaded_unloaded() -> None:
    events = [E.LOAD_SIGNED, E.LOAD_VERIFIED, E.UNLOAD_SIGNED, E.UNLOAD_VERIFIED]
    states = []
    state = S.REGISTERED
    for event in events:
        state = transition(state, event)
        states.append(state)
    assert states == [S.LOAD_PENDING, S.LOADED, S.UNLOAD_PENDING, S.UNLOADED]


@pytest.mark.parametrize(("state", "event"), list(itertools.product(S, E)))
def test_every_pair_is_either_in_the_table_or_raises(state: S, event: E) -> None:
    if (state, event) in TRANSITIONS:
        assert transition(state, event) is TRANSITIONS[(state, event)]
    else:
        with pytest.raises(IllegalTransitionError) as info:
            transition(state, event)
        assert info.value.state is state and info.value.event is event


def test_a_cassette_is_never_loaded_twice() -> None:
    for state in (S.LOAD_PENDING, S.LOADED, S.UNLOAD_PENDING, S.UNLOADED, S.REJECTED,
                  S.QUARANTINED):
        with pytest.raises(IllegalTransitionError):
            transition(state, E.LOAD_SIGNED)


def test_final_states_have_no_way_out() -> None:
    for state, event in itertools.product(FINAL, E):
        with pytest.raises(IllegalTransitionError):
            transition(state, event)


def test_in_bay_states() -> None:
    assert {S.LOAD_PENDING, S.LOADED, S.UNLOAD_PENDING} == IN_BAY


def test_quarantine_and_release() -> None:
    assert replay([E.QUARANTINE, E.RELEASE, E.LOAD_SIGNED]) is S.LOAD_PENDING
    assert replay([E.REJECT]) is S.REJECTED


@given(st.lists(st.sampled_from(list(E)), max_size=12))
def test_replay_never_raises_anything_else_and_never_loads_twice(events: list[E]) -> None:
    try:
        final = replay(events)
    except IllegalTransitionError:
        return
    assert final in set(S)
    assert events.count(E.LOAD_SIGNED) <= 1
    assert events.count(E.LOAD_VERIFIED) <= events.count(E.LOAD_SIGNED)


def test_record_events() -> None:
    assert record_events("cassette_load", "awaiting_verification") == (E.LOAD_SIGNED,)
    assert record_events("cassette_load", "complete") == (E.LOAD_SIGNED, E.LOAD_VERIFIED)
    assert record_events("cassette_unload", "complete") == (E.UNLOAD_SIGNED,
                                                            E.UNLOAD_VERIFIED)
    assert record_events("cassette_load", "corrected") == ()
    assert record_events("cassette_load", "awaiting_signature") == ()
    assert record_events("comment", "complete") == ()


def test_dispositions() -> None:
    assert disposition_event("rejected") is E.REJECT
    assert disposition_event("quarantined") is E.QUARANTINE
    assert disposition_event("released") is None
