"""Login, password re-checks, lockout and session events, with their audit entries.

Everything here blocks (argon2 takes tens of milliseconds, commits wait for the disk): the UI
calls it from a worker thread. The local store is the authority until the plant server sync
exists; then the server's answer will take precedence when it is reachable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

from operator_console.auth.passwords import check_password, hash_password
from operator_console.domain.manifestation import format_utc_iso, parse_utc_iso
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.models import User
from operator_console.store.users import UserInfo, find_user, info_of

_dummy: list[str] = []

#: Actor and target recorded for a login text that matches no user: the text itself is
#: never written (it is often a password typed into the ID field).
UNKNOWN_USER = "(unknown)"


def _dummy_verifier() -> str:
    """Verified against when the user ID is unknown, so the answer takes as long either way.
    Made on first use, not at import: hashing costs ~0.2 s that start-up should not pay."""
    if not _dummy:
        _dummy.append(hash_password("not-a-real-password"))
    return _dummy[0]


class AuthRefusal(StrEnum):
    """Why a password check failed; the UI translates these codes."""

    BAD_CREDENTIALS = "bad_credentials"  # unknown ID or wrong password (not told apart)
    ACCOUNT_LOCKED = "account_locked"  # locked before this attempt
    ACCOUNT_LOCKED_NOW = "account_locked_now"  # this failure reached the threshold
    ACCOUNT_DISABLED = "account_disabled"
    WRONG_USER = "wrong_user"  # unlocking a session with someone else's badge
    OFFLINE_NOT_ALLOWED = "offline_not_allowed"  # server away; no valid cached verifier


@dataclass(frozen=True)
class SigningBinding:
    """What a password check for a signature is for: the plant server binds its signing
    proof to the record's content hash and the meaning (and to the signer and station)."""

    content_hash: str
    meaning: str


@dataclass(frozen=True)
class AuthOutcome:
    user: UserInfo | None
    refusal: AuthRefusal | None = None
    attempts_left: int | None = None
    #: "online": checked by the plant server; "offline": against a verifier held locally
    #: (cached from the server, or the station's own store before it is enrolled).
    method: str = "online"
    #: The plant server's single-use signing proof (online checks with a binding only).
    proof: str | None = None

    @property
    def ok(self) -> bool:
        return self.user is not None and self.refusal is None


class RemoteAuth(Protocol):
    """The plant server's password check; returns None when the server cannot be reached."""

    def check(self, user_id: str, password: str, purpose: str,
              binding: SigningBinding | None = None) -> dict[str, Any] | None: ...


class AuthService:
    """Checks credentials against the local store and records every attempt."""

    def __init__(self, db: Database, audit: AuditLog, lockout_threshold: int = 5,
                 remote: RemoteAuth | None = None) -> None:
        self.db = db
        self.audit = audit
        self.lockout_threshold = lockout_threshold
        # Set once the station is enrolled: the plant server is then the authority on
        # passwords, lockout and disabled accounts whenever it can be reached.
        self.remote = remote

    def login(self, login_text: str, password: str) -> AuthOutcome:
        """Start a session: audited as ``login_succeeded`` or ``login_failed``."""
        return self._check(login_text, password, purpose="login", expected_user=None)

    def reauthenticate(self, user_id: str, password: str, purpose: str,
                       binding: SigningBinding | None = None) -> AuthOutcome:
        """Re-check the password of a known user (unlock, signing); failures count.
        ``binding``: signing, the server issues a proof for exactly that signature."""
        return self._check(user_id, password, purpose=purpose, expected_user=user_id,
                           binding=binding)

    def verify_credentials(self, login_text: str, password: str, purpose: str,
                           binding: SigningBinding | None = None) -> AuthOutcome:
        """Check someone's own ID (or badge) and password, e.g. a verifier at signing."""
        return self._check(login_text, password, purpose=purpose, expected_user=None,
                           binding=binding)

    def _check(
        self, login_text: str, password: str, *, purpose: str, expected_user: str | None,
        binding: SigningBinding | None = None,
    ) -> AuthOutcome:
        if self.remote is not None:
            return self._check_enrolled(login_text, password, purpose=purpose,
                                        expected_user=expected_user, binding=binding)
        if self._enrolled():
            # Enrolled, but no working link to the plant server (credential unavailable):
            # the server stays the authority, so only the offline rules may apply here.
            return self._check_offline(login_text, password, purpose=purpose,
                                       expected_user=expected_user)
        with self.db.read() as s:
            user = find_user(s, login_text)
            verifier = user.password_hash if user else _dummy_verifier()
            uid = user.user_id if user else None
        matches = check_password(verifier, password)  # the slow part, outside the write lock
        with self.db.transaction() as s:
            user = s.get(User, uid) if uid else None
            if user is None:
                self.audit.append(s, actor=UNKNOWN_USER, event=f"{purpose}_failed",
                                  target=UNKNOWN_USER, reason="unknown user ID")
                return AuthOutcome(None, AuthRefusal.BAD_CREDENTIALS)
            if expected_user is not None and user.user_id != expected_user:
                self.audit.append(s, actor=user.user_id, event=f"{purpose}_failed",
                                  target=expected_user, reason="credentials of another user")
                return AuthOutcome(None, AuthRefusal.WRONG_USER)
            if not user.active:
                self.audit.append(s, actor=user.user_id, event=f"{purpose}_failed",
                                  target=user.user_id, reason="account disabled")
                return AuthOutcome(None, AuthRefusal.ACCOUNT_DISABLED)
            if user.locked:
                self.audit.append(s, actor=user.user_id, event=f"{purpose}_failed",
                                  target=user.user_id, reason="account locked")
                return AuthOutcome(None, AuthRefusal.ACCOUNT_LOCKED)
            if not matches:
                return self._count_failure(user, purpose)
            if user.failed_attempts:
                user.failed_attempts = 0
            self.audit.append(s, actor=user.user_id, event=f"{purpose}_succeeded",
                              target=user.user_id)
            # Not enrolled: no plant server checked this, so its signatures are offline ones.
            return AuthOutcome(info_of(user), method="offline")

    def _enrolled(self) -> bool:
        from operator_console.store.sync_models import SyncState

        with self.db.read() as s:
            row = s.get(SyncState, "server_url")
            return row is not None and bool(row.value)

    def _count_failure(self, user: User, purpose: str) -> AuthOutcome:
        from sqlalchemy.orm import object_session

        s = object_session(user)
        assert s is not None
        user.failed_attempts += 1
        left = max(self.lockout_threshold - user.failed_attempts, 0)
        self.audit.append(s, actor=user.user_id, event=f"{purpose}_failed", target=user.user_id,
                          reason="wrong password",
                          new={"failed_attempts": user.failed_attempts})
        if left == 0:
            user.locked = True
            self.audit.append(s, actor="system", event="account_locked", target=user.user_id,
                              reason=f"{user.failed_attempts} consecutive failed attempts")
            return AuthOutcome(None, AuthRefusal.ACCOUNT_LOCKED_NOW, 0)
        return AuthOutcome(None, AuthRefusal.BAD_CREDENTIALS, left)

    def record_session_event(self, user_id: str, event: str, reason: str = "") -> None:
        """Audit a session event: ``logout``, ``session_locked``, ``session_ended`` ..."""
        with self.db.transaction() as s:
            self.audit.append(s, actor=user_id, event=event, target=user_id, reason=reason)

    # -- enrolled station: the plant server decides; cached verifiers when it is away -------
    def _check_enrolled(self, login_text: str, password: str, *, purpose: str,
                        expected_user: str | None,
                        binding: SigningBinding | None = None) -> AuthOutcome:
        assert self.remote is not None
        with self.db.read() as s:
            user = find_user(s, login_text)
            uid = user.user_id if user else login_text.strip()[:64]
        try:
            answer = (self.remote.check(uid, password, purpose, binding) if binding is not None
                      else self.remote.check(uid, password, purpose))
        except Exception:  # a garbage answer is treated like no answer: offline rules apply
            answer = None
        if answer is None:
            return self._check_offline(login_text, password, purpose=purpose,
                                       expected_user=expected_user)
        with self.db.transaction() as s:
            local = s.get(User, uid)
            shown = uid if local is not None else UNKNOWN_USER
            if expected_user is not None and uid != expected_user:
                self.audit.append(s, actor=shown, event=f"{purpose}_failed",
                                  target=expected_user, reason="credentials of another user")
                return AuthOutcome(None, AuthRefusal.WRONG_USER)
            if not answer.get("ok"):
                try:
                    refusal = AuthRefusal(str(answer.get("refusal") or "bad_credentials"))
                except ValueError:  # a code this station does not know: refuse plainly
                    refusal = AuthRefusal.BAD_CREDENTIALS
                if local is not None and refusal in (AuthRefusal.ACCOUNT_LOCKED,
                                                     AuthRefusal.ACCOUNT_LOCKED_NOW):
                    local.locked = True
                if local is not None and refusal is AuthRefusal.ACCOUNT_DISABLED:
                    local.active = False
                self.audit.append(s, actor=shown, event=f"{purpose}_failed", target=shown,
                                  reason=_REFUSAL_REASONS.get(refusal, "wrong password"),
                                  new={"method": "online"})
                left = answer.get("attempts_left")
                return AuthOutcome(None, refusal, left if isinstance(left, int) else None)
            if local is None:
                # Known to the server but not pulled yet: refuse until master data arrives.
                self.audit.append(s, actor=uid, event=f"{purpose}_failed", target=uid,
                                  reason="unknown user ID")
                return AuthOutcome(None, AuthRefusal.BAD_CREDENTIALS)
            local.seen_online_at = format_utc_iso(datetime.now(UTC))
            local.failed_attempts, local.locked, local.active = 0, False, True
            handed = answer.get("offline_verifier")
            if isinstance(handed, dict) and handed.get("user_id") == uid and isinstance(
                    handed.get("offline_verifier"), str) and isinstance(
                    handed.get("verifier_expires_at"), str):
                # The server now counts this user as working here: offline use may follow.
                local.password_hash = handed["offline_verifier"]
                local.verifier_expires_at = handed["verifier_expires_at"]
            self.audit.append(s, actor=uid, event=f"{purpose}_succeeded", target=uid,
                              new={"method": "online"})
            proof = answer.get("signing_proof")
            return AuthOutcome(info_of(local), method="online",
                               proof=proof if isinstance(proof, str) and proof else None)

    def _check_offline(self, login_text: str, password: str, *, purpose: str,
                       expected_user: str | None) -> AuthOutcome:
        now = datetime.now(UTC)
        with self.db.read() as s:
            user = find_user(s, login_text)
            usable = (user is not None and user.seen_online_at is not None
                      and user.verifier_expires_at is not None
                      and parse_utc_iso(user.verifier_expires_at) > now)
            verifier = user.password_hash if user is not None and usable else _dummy_verifier()
            uid = user.user_id if user else login_text.strip()[:64]
        matches = check_password(verifier, password)
        with self.db.transaction() as s:
            local = s.get(User, uid)
            if local is None or not usable:
                reason = ("unknown user ID" if local is None else
                          "never logged in online at this station"
                          if local.seen_online_at is None else "offline credentials expired")
                shown = uid if local is not None else UNKNOWN_USER
                self.audit.append(s, actor=shown, event=f"{purpose}_failed", target=shown,
                                  reason=reason, new={"method": "offline"})
                refusal = (AuthRefusal.BAD_CREDENTIALS if local is None else
                           AuthRefusal.OFFLINE_NOT_ALLOWED)
                return AuthOutcome(None, refusal, method="offline")
            if expected_user is not None and uid != expected_user:
                self.audit.append(s, actor=uid, event=f"{purpose}_failed",
                                  target=expected_user, reason="credentials of another user")
                return AuthOutcome(None, AuthRefusal.WRONG_USER, method="offline")
            if not local.active or local.locked:
                refusal = (AuthRefusal.ACCOUNT_DISABLED if not local.active
                           else AuthRefusal.ACCOUNT_LOCKED)
                self.audit.append(s, actor=uid, event=f"{purpose}_failed", target=uid,
                                  reason=_REFUSAL_REASONS[refusal], new={"method": "offline"})
                return AuthOutcome(None, refusal, method="offline")
            if not matches:
                outcome = self._count_failure(local, purpose)
                return AuthOutcome(None, outcome.refusal, outcome.attempts_left,
                                   method="offline")
            local.failed_attempts = 0
            self.audit.append(s, actor=uid, event=f"{purpose}_succeeded", target=uid,
                              new={"method": "offline"})
            return AuthOutcome(info_of(local), method="offline")


_REFUSAL_REASONS = {
    AuthRefusal.ACCOUNT_DISABLED: "account disabled",
    AuthRefusal.ACCOUNT_LOCKED: "account locked",
    AuthRefusal.ACCOUNT_LOCKED_NOW: "wrong password",
    AuthRefusal.BAD_CREDENTIALS: "wrong password",
}
