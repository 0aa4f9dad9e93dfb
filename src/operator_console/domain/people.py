"""People as the signature rules see them: roles, qualifications and account state.

These are snapshots built by the store from master data (online) or the station's cache
(offline). They carry no password material: authentication is the auth layer's job; these
rules decide whether an authenticated person may sign.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from operator_console.domain.identity import normalise_user_id
from operator_console.domain.manifestation import to_utc


class Role(StrEnum):
    """What a person may do. A person may hold several roles."""

    OPERATOR = "operator"
    VERIFIER = "verifier"
    QA = "qa"
    ADMINISTRATOR = "administrator"


@dataclass(frozen=True)
class Qualification:
    """A current training record for one procedure code (e.g. ``CASSETTE-LOAD``).

    Valid from ``valid_from`` (inclusive) until ``valid_until`` (exclusive, ``None`` = open
    ended). A qualification whose end is not after its start (a revoked grant) is never
    current; it is kept, not refused, because master data may legitimately contain it.
    """

    procedure: str
    valid_from: datetime
    valid_until: datetime | None = None

    def __post_init__(self) -> None:
        if not self.procedure.strip():
            raise ValueError("a qualification needs a procedure code")
        object.__setattr__(self, "valid_from", to_utc(self.valid_from, "valid_from"))
        if self.valid_until is not None:
            object.__setattr__(self, "valid_until", to_utc(self.valid_until, "valid_until"))

    def is_current(self, at: datetime) -> bool:
        """True if the qualification is in force at ``at`` (an aware datetime)."""
        moment = to_utc(at, "at")
        if moment < self.valid_from:
            return False
        return self.valid_until is None or moment < self.valid_until

    def has_ended(self, at: datetime) -> bool:
        """True if the qualification's validity ended at or before ``at``."""
        return self.valid_until is not None and to_utc(at, "at") >= self.valid_until


@dataclass(frozen=True)
class Person:
    """A user as the signature rules see them.

    ``user_id`` is stored normalised (see :func:`normalise_user_id`): a Person built from
    "ＯＰ０１" has the ID "op01". ``printed_name`` is kept exactly as entered (11.50; names are
    never transliterated). ``active`` False means the account is disabled; ``locked`` True
    means it is locked (after failed passwords or by an administrator).
    """

    user_id: str
    printed_name: str
    roles: frozenset[Role]
    qualifications: tuple[Qualification, ...] = ()
    active: bool = True
    locked: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "user_id", normalise_user_id(self.user_id))
        if not self.printed_name.strip():
            raise ValueError("a person needs a printed name")
        # Coerce so that Person(roles={"operator"}) from master data is still typed.
        object.__setattr__(self, "roles", frozenset(Role(r) for r in self.roles))
        object.__setattr__(self, "qualifications", tuple(self.qualifications))

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def has_any_role(self, roles: Iterable[Role]) -> bool:
        return any(r in self.roles for r in roles)

    def qualifications_for(self, procedure: str) -> tuple[Qualification, ...]:
        """All qualifications held for ``procedure`` (exact code match), current or not."""
        return tuple(q for q in self.qualifications if q.procedure == procedure)

    def is_qualified(self, procedure: str, at: datetime) -> bool:
        """True if a qualification for ``procedure`` is current at ``at``."""
        return any(q.is_current(at) for q in self.qualifications_for(procedure))
