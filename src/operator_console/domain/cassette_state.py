"""The life of one single-use cassette as an explicit state machine.

States and the events that move between them (every event is a signed record, or the plant
server's signed disposition arriving as master data)::

    registered --load_signed--> load_pending --load_verified--> loaded
    loaded --unload_signed--> unload_pending --unload_verified--> unloaded (final)
    registered --reject--> rejected (final)
    registered --quarantine--> quarantined --release--> registered

Decisions (documented here because the rest of the console relies on them):

* A load counts only once its ``cassette_load`` record is **complete** (performed and
  verified). While it awaits verification the cassette is ``load_pending``: it already
  reserves its bay and blocks any other load of the same cassette, so a second load can never
  be started while the first waits for its verifier.
* Likewise ``unload_pending``: the cassette is still in the bay (the bay stays occupied) until
  the unload record is verified; an unloaded cassette can never be loaded again.
* A record that has been superseded by a correction contributes no event (it is void); the
  correction itself is not interpreted as a cassette event.
* If the records of a cassette do not replay legally (e.g. two loads recorded at two stations
  while offline), :func:`replay` raises :class:`IllegalTransitionError`; callers treat such a
  cassette as blocked and raise the conflict to people, never pick a winner silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType


class CassetteState(StrEnum):
    REGISTERED = "registered"
    LOAD_PENDING = "load_pending"
    LOADED = "loaded"
    UNLOAD_PENDING = "unload_pending"
    UNLOADED = "unloaded"
    REJECTED = "rejected"
    QUARANTINED = "quarantined"


class CassetteEvent(StrEnum):
    LOAD_SIGNED = "load_signed"
    LOAD_VERIFIED = "load_verified"
    UNLOAD_SIGNED = "unload_signed"
    UNLOAD_VERIFIED = "unload_verified"
    REJECT = "reject"
    QUARANTINE = "quarantine"
    RELEASE = "release"


_S, _E = CassetteState, CassetteEvent

TRANSITIONS: Mapping[tuple[CassetteState, CassetteEvent], CassetteState] = MappingProxyType({
    (_S.REGISTERED, _E.LOAD_SIGNED): _S.LOAD_PENDING,
    (_S.LOAD_PENDING, _E.LOAD_VERIFIED): _S.LOADED,
    (_S.LOADED, _E.UNLOAD_SIGNED): _S.UNLOAD_PENDING,
    (_S.UNLOAD_PENDING, _E.UNLOAD_VERIFIED): _S.UNLOADED,
    (_S.REGISTERED, _E.REJECT): _S.REJECTED,
    (_S.REGISTERED, _E.QUARANTINE): _S.QUARANTINED,
    (_S.QUARANTINED, _E.RELEASE): _S.REGISTERED,
})
"""The complete table: any (state, event) pair not in it is illegal."""

IN_BAY = frozenset({_S.LOAD_PENDING, _S.LOADED, _S.UNLOAD_PENDING})
"""States in which the cassette occupies (or has reserved) a bay."""

FINAL = frozenset({_S.UNLOADED, _S.REJECTED})
"""States with no way out."""


class IllegalTransitionError(ValueError):
    """``event`` is not allowed in ``state``."""

    def __init__(self, state: CassetteState, event: CassetteEvent) -> None:
        self.state, self.event = state, event
        super().__init__(f"cassette event {event.value!r} is not allowed in state {state.value!r}")


def transition(state: CassetteState, event: CassetteEvent) -> CassetteState:
    """The state after ``event``; raises :class:`IllegalTransitionError` if the table forbids it."""
    try:
        return TRANSITIONS[(CassetteState(state), CassetteEvent(event))]
    except (KeyError, ValueError):
        raise IllegalTransitionError(CassetteState(state), CassetteEvent(event)) from None


def replay(events: Iterable[CassetteEvent],
           start: CassetteState = CassetteState.REGISTERED) -> CassetteState:
    """Fold ``events`` (oldest first) from ``start``; raises on the first illegal one."""
    state = start
    for event in events:
        state = transition(state, event)
    return state


def record_events(record_type: str, status: str) -> tuple[CassetteEvent, ...]:
    """The events a cassette record stands for, given its type and signature status.

    ``status`` is a ``RecordStatus`` code: ``awaiting_verification`` gives only the signed
    event, ``complete`` the signed and verified events; an unsigned or corrected record none.
    """
    signed, verified = {
        "cassette_load": (_E.LOAD_SIGNED, _E.LOAD_VERIFIED),
        "cassette_unload": (_E.UNLOAD_SIGNED, _E.UNLOAD_VERIFIED),
    }.get(record_type, (None, None))
    if signed is None or verified is None:
        return ()
    if status == "awaiting_verification":
        return (signed,)
    if status == "complete":
        return (signed, verified)
    return ()


def disposition_event(disposition: str) -> CassetteEvent | None:
    """The event a plant-server disposition of a registered cassette stands for."""
    return {"rejected": _E.REJECT, "quarantined": _E.QUARANTINE}.get(disposition)
