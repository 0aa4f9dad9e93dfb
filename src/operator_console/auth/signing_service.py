"""Signing electronic records: password re-check, the signature rules, one durable commit.

Blocking (argon2, fsync): call from a worker. Every refusal is audited with its code, and a
wrong password counts toward the signer's lockout exactly like a failed login.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.auth.service import AuthOutcome, AuthRefusal, AuthService, SigningBinding
from operator_console.domain.chain_of_identity import Check
from operator_console.domain.identity import InvalidUserId, normalise_user_id
from operator_console.domain.records import (
    UNCORRECTABLE_TYPES,
    Meaning,
    RecordDraft,
    policy_for,
)
from operator_console.domain.signatures import (
    AuthMethod,
    Refusal,
    RefusalCode,
    SignatureFacts,
    check_signer,
)
from operator_console.domain.signatures import refusal as refusal_for
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.models import RecordRow, User
from operator_console.store.records import (
    RecordFilter,
    RecordView,
    add_signature,
    create_record,
    load_records,
    planned_content_hash,
)
from operator_console.store.users import person_of


@dataclass(frozen=True)
class SignOutcome:
    """Signed (``ok``), or refused by authentication or by a signature rule."""

    record_id: str | None
    signer_name: str = ""
    auth_refusal: AuthRefusal | None = None
    attempts_left: int | None = None
    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.auth_refusal is None and self.refusal is None and self.record_id is not None


class GuardRefusedError(Exception):
    """A guard refused the record inside its commit transaction; nothing was written."""

    def __init__(self, check: Check) -> None:
        self.check = check
        super().__init__(check.message)


class SigningService:
    """Creates and signs records: password first (bound to what is signed), then the
    signature rules and the record in one transaction.

    Subclasses add rules that must hold at the very moment of the commit by overriding
    :meth:`guard_create` and :meth:`guard_sign` (run inside the transaction; a failing check
    rolls everything back and :meth:`guard_refused` says what is raised)."""

    def __init__(self, db: Database, audit: AuditLog, auth: AuthService,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.db, self.audit, self.auth = db, audit, auth
        self._clock = clock or (lambda: datetime.now(UTC))

    def plan(self, draft: RecordDraft, signer_id: str) -> tuple[str, datetime, SigningBinding]:
        """The new record's ID and time, chosen before the password check, and what the
        check's signing proof is bound to (the content hash the record will have)."""
        record_id, at = str(uuid.uuid4()), self._clock()
        try:
            created_by = normalise_user_id(signer_id)
        except InvalidUserId:
            created_by = signer_id
        digest = planned_content_hash(draft, record_id=record_id, created_by=created_by, at=at,
                                      station=self.audit.station)
        return record_id, at, SigningBinding(digest, Meaning.PERFORMED.value)

    def binding_for(self, record_id: str, meaning: Meaning) -> SigningBinding | None:
        """What a signature on an existing record binds its signing proof to."""
        with self.db.read() as s:
            digest = s.scalars(select(RecordRow.content_hash).where(
                RecordRow.record_id == record_id)).first()
        return SigningBinding(digest, meaning.value) if digest else None

    def create_and_sign(self, draft: RecordDraft, signer_id: str, password: str) -> SignOutcome:
        """Create ``draft`` as a new record signed "performed" by the logged-in ``signer_id``."""
        record_id, at, binding = self.plan(draft, signer_id)
        auth = self.auth.reauthenticate(signer_id, password, "sign", binding)
        if not auth.ok or auth.user is None:
            return self._auth_refused(auth)
        with self.db.transaction() as s:
            guard = self.guard_create(s, draft)
            if guard.ok:
                user_id, refusal, outcome = self._create_in(s, draft, auth, record_id, at)
                if outcome is not None:
                    return outcome
        # Outside the rolled-back transaction: refusals write audit entries of their own.
        if not guard.ok:
            raise self.guard_refused(auth.user.user_id, draft.batch_id, guard)
        return self._rule_refused(None, user_id, refusal)

    def sign(self, record_id: str, login_text: str, password: str, meaning: Meaning) -> SignOutcome:
        """Add a signature by whoever owns ``login_text`` (e.g. the verifier) to a record."""
        auth = self.auth.verify_credentials(login_text, password, "sign",
                                            self.binding_for(record_id, meaning))
        if not auth.ok or auth.user is None:
            return self._auth_refused(auth)
        at = self._clock()
        with self.db.transaction() as s:
            guard = self.guard_sign(s, record_id, meaning)
            if guard.ok:
                user_id, refusal, outcome = self._sign_in(s, record_id, auth, meaning, at)
                if outcome is not None:
                    return outcome
        if not guard.ok:
            raise self.guard_refused(auth.user.user_id, record_id, guard)
        return self._rule_refused(record_id, user_id, refusal)

    # -- guards: rules checked inside the committing transaction -------------------------------
    def guard_create(self, session: Session, draft: RecordDraft) -> Check:
        """A rule ``draft`` must pass as it is committed; none here."""
        return Check()

    def guard_sign(self, session: Session, record_id: str, meaning: Meaning) -> Check:
        """A rule a ``meaning`` signature on ``record_id`` must pass as it is committed."""
        return Check()

    def guard_refused(self, actor: str, target: str, check: Check) -> GuardRefusedError:
        """What a failed guard raises (after the transaction was rolled back)."""
        return GuardRefusedError(check)

    # -- within the transaction ----------------------------------------------------------------
    def _create_in(self, s: Session, draft: RecordDraft, auth: AuthOutcome, record_id: str,
                   at: datetime) -> tuple[str, Refusal | None, SignOutcome | None]:
        """Within ``s``: the signature rules, then the record and its "performed" signature.
        Returns (signer ID, refusal, outcome): exactly one of refusal and outcome is set."""
        assert auth.user is not None
        user = s.get(User, auth.user.user_id)
        assert user is not None
        person = person_of(user)
        refusal: Refusal | None = None
        corrects_type = None
        if draft.corrects:
            original = load_records(s, RecordFilter(record_ids=[draft.corrects]))
            if not original:
                raise ValueError(f"no record {draft.corrects} to correct")
            corrects_type = original[0].corrects_type or original[0].record_type
            if original[0].corrected_by is not None:
                refusal = refusal_for(RefusalCode.ALREADY_CORRECTED)
            elif corrects_type in UNCORRECTABLE_TYPES:
                refusal = refusal_for(RefusalCode.CORRECTION_NOT_ALLOWED)
        refusal = refusal or check_signer(draft.record_type, Meaning.PERFORMED, person, [], at,
                                          corrects_type=corrects_type, content=draft.content)
        if refusal is not None:
            return person.user_id, refusal, None
        row = create_record(s, self.audit, draft, created_by=person.user_id, at=at,
                            record_id=record_id)
        add_signature(s, self.audit, SignatureFacts(
            record_id=row.record_id, content_hash=row.content_hash, signer_id=person.user_id,
            printed_name=person.printed_name, meaning=Meaning.PERFORMED, signed_at=at,
            station=self.audit.station, auth_method=auth_method_of(auth)), proof_id=auth.proof)
        return person.user_id, None, SignOutcome(row.record_id, person.printed_name)

    def _sign_in(self, s: Session, record_id: str, auth: AuthOutcome, meaning: Meaning,
                 at: datetime) -> tuple[str, Refusal | None, SignOutcome | None]:
        """Within ``s``: check the signature rules and add the signature if they allow it.
        Returns (signer ID, refusal, outcome): exactly one of refusal and outcome is set."""
        assert auth.user is not None
        views = load_records(s, RecordFilter(record_ids=[record_id]))
        if not views:
            raise ValueError(f"no record {record_id}")
        view = views[0]
        user = s.get(User, auth.user.user_id)
        assert user is not None
        person = person_of(user)
        refusal = self._check(view, meaning, person, at)
        if refusal is not None:
            return person.user_id, refusal, None
        row = s.get(RecordRow, view.seq)
        assert row is not None
        add_signature(s, self.audit, SignatureFacts(
            record_id=record_id, content_hash=row.content_hash, signer_id=person.user_id,
            printed_name=person.printed_name, meaning=meaning, signed_at=at,
            station=self.audit.station, auth_method=auth_method_of(auth)), proof_id=auth.proof)
        return person.user_id, None, SignOutcome(record_id, person.printed_name)

    @staticmethod
    def _check(view: RecordView, meaning: Meaning, person: object, at: datetime) -> Refusal | None:
        from operator_console.domain.people import Person

        assert isinstance(person, Person)
        if not view.all_valid:
            # Never add a signature to content that no longer matches its hash.
            from operator_console.domain.signatures import RefusalCode, refusal

            return refusal(RefusalCode.CONTENT_CHANGED)
        return check_signer(view.record_type, meaning, person, [s.facts for s in view.signatures],
                            at, corrects_type=view.corrects_type, created_by=view.created_by,
                            superseded=view.corrected_by is not None, content=view.body)

    def _auth_refused(self, auth: AuthOutcome) -> SignOutcome:
        return SignOutcome(None, auth_refusal=auth.refusal or AuthRefusal.BAD_CREDENTIALS,
                           attempts_left=auth.attempts_left)

    def _rule_refused(self, record_id: str | None, user_id: str,
                      refusal: Refusal | None) -> SignOutcome:
        assert refusal is not None
        with self.db.transaction() as s:
            self.audit.append(s, actor=user_id, event="signature_refused",
                              target=record_id or "", reason=refusal.code.value,
                              new=dict(refusal.params))
        return SignOutcome(None, refusal=refusal)


def auth_method_of(auth: AuthOutcome) -> AuthMethod:
    """Offline signatures are marked so; the plant server re-checks them on sync."""
    return AuthMethod.OFFLINE if auth.method == "offline" else AuthMethod.ONLINE


def needs_verification(draft_or_view: RecordDraft | RecordView) -> bool:
    corrects_type = getattr(draft_or_view, "corrects_type", None)
    content = (draft_or_view.content if isinstance(draft_or_view, RecordDraft)
               else draft_or_view.body)  # a step record's policy is stated in its content
    return policy_for(draft_or_view.record_type, corrects_type,
                      content=content).requires_verification
