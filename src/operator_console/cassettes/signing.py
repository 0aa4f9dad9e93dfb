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

from operator_console.auth.signing import SigningService, SignOutcome, auth_method_of
from operator_console.domain.chain_of_identity import Check
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from operator_console.domain.signing import SignatureFacts, check_signer
from operator_console.store.models import User
from operator_console.store.records import (
    add_signature,
    create_record,
)
from operator_console.store.users import person_of

CASSETTE_TYPES = frozenset({RecordType.CASSETTE_LOAD, RecordType.CASSETTE_UNLOAD})
Guard = Callable[[Session, RecordDraft], Check]
VerifyGuard = Callable[[Session, str], Check]


class CassetteRefusedError(Exception):
    """A cassette rule refused the record at commit time; nothing was written."""

    def __init__(self, check: Check) -> None:
        self.check = check
        super().__init__(check.message)


class GuardedSigningService(SigningService):
    """``SigningService`` whose cassette records pass a guard inside the commit transaction."""

    def __init__(self, base: SigningService, guard: Guard, verify_guard: VerifyGuard,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(base.db, base.audit, base.auth, clock or base._clock)
        self._guard, self._verify_guard = guard, verify_guard

    def _refused(self, actor: str, target: str, check: Check) -> CassetteRefusedError:
        with self.db.transaction() as s:
            self.audit.append(s, actor=actor, event="cassette_refused", target=target,
                              reason=check.code, new=dict(check.params))
        return CassetteRefusedError(check)

    def create_and_sign(self, draft: RecordDraft, signer_id: str, password: str) -> SignOutcome:
        """Guard, create and sign "performed", all in one transaction (or nothing)."""
        if draft.record_type not in CASSETTE_TYPES:
            return super().create_and_sign(draft, signer_id, password)
        record_id, at, binding = self.plan(draft, signer_id)
        auth = self.auth.reauthenticate(signer_id, password, "sign", binding)
        if not auth.ok or auth.user is None:
            return self._auth_refused(auth)
        with self.db.transaction() as s:
            check = self._guard(s, draft)
            if check.ok:
                user = s.get(User, auth.user.user_id)
                assert user is not None
                person = person_of(user)
                refusal = check_signer(draft.record_type, Meaning.PERFORMED, person, [], at)
                if refusal is None:
                    row = create_record(s, self.audit, draft, created_by=person.user_id, at=at,
                                        record_id=record_id)
                    add_signature(s, self.audit, SignatureFacts(
                        record_id=row.record_id, content_hash=row.content_hash,
                        signer_id=person.user_id, printed_name=person.printed_name,
                        meaning=Meaning.PERFORMED, signed_at=at, station=self.audit.station,
                        auth_method=auth_method_of(auth)), proof_id=auth.proof)
                    return SignOutcome(row.record_id, person.printed_name)
        if not check.ok:
            raise self._refused(auth.user.user_id, draft.batch_id, check)
        return self._rule_refused(None, person.user_id, refusal)

    def sign(self, record_id: str, login_text: str, password: str, meaning: Meaning) -> SignOutcome:
        """Add a signature; a "verified" one on a cassette record passes the guard first."""
        auth = self.auth.verify_credentials(login_text, password, "sign",
                                            self.binding_for(record_id, meaning))
        if not auth.ok or auth.user is None:
            return self._auth_refused(auth)
        at = self._clock()
        with self.db.transaction() as s:
            check = self._verify_guard(s, record_id) if meaning is Meaning.VERIFIED else Check()
            if check.ok:
                user_id, refusal, outcome = self._sign_in(s, record_id, auth, meaning, at)
                if outcome is not None:
                    return outcome
        if not check.ok:
            raise self._refused(auth.user.user_id, record_id, check)
        return self._rule_refused(record_id, user_id, refusal)
