"""A signing service that re-checks cassette rules inside the transaction that commits.

The screen checked every scan already, but the screen is not trusted: between its checks and
the signature another station (or another window) may have loaded the cassette, filled the bay
or taken the bay out of service. :class:`GuardedSigningService` runs a guard in the very
``BEGIN IMMEDIATE`` transaction that creates (or verifies) a cassette record, so the check and
the write cannot be separated. A refusal rolls everything back, is audited, and is raised as
:class:`CassetteRefusedError`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from operator_console.auth.signing_service import GuardRefusedError, SigningService
from operator_console.domain.chain_of_identity import Check
from operator_console.domain.records import Meaning, RecordDraft, RecordType

CASSETTE_TYPES = frozenset({RecordType.CASSETTE_LOAD, RecordType.CASSETTE_UNLOAD})
Guard = Callable[[Session, RecordDraft], Check]
VerifyGuard = Callable[[Session, str], Check]


class CassetteRefusedError(GuardRefusedError):
    """A cassette rule refused the record at commit time; nothing was written."""


class GuardedSigningService(SigningService):
    """``SigningService`` whose cassette records pass a guard inside the commit transaction."""

    def __init__(self, base: SigningService, guard: Guard, verify_guard: VerifyGuard,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(base.db, base.audit, base.auth, clock or base._clock)
        self._guard, self._verify_guard = guard, verify_guard

    def guard_create(self, session: Session, draft: RecordDraft) -> Check:
        """A cassette load or unload is checked against the bays and cassettes as they are."""
        return self._guard(session, draft) if draft.record_type in CASSETTE_TYPES else Check()

    def guard_sign(self, session: Session, record_id: str, meaning: Meaning) -> Check:
        """A "verified" signature on a cassette record re-checks what it confirms."""
        return self._verify_guard(session, record_id) if meaning is Meaning.VERIFIED else Check()

    def guard_refused(self, actor: str, target: str, check: Check) -> CassetteRefusedError:
        """Audited (who, what, which rule), then raised to the flow."""
        with self.db.transaction() as s:
            self.audit.append(s, actor=actor, event="cassette_refused", target=target,
                              reason=check.code, new=dict(check.params))
        return CassetteRefusedError(check)
