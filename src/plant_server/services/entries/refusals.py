"""Why a pushed entry is refused: stable codes (clients, tests and QA rely on the strings).

The codes are the sync protocol's, shared with the stations (``domain.sync_refusals``);
this module adds what only the server decides: which refusals are security events.
"""

from __future__ import annotations

from operator_console.domain.signatures import RefusalCode
from operator_console.domain.sync_refusals import (
    OUT_OF_ORDER,
    PREVIOUSLY_REJECTED,
    SIGNATURE_REFUSED,
    EntryRefusal,
)

__all__ = ["ACCEPT", "OUT_OF_ORDER", "PREVIOUSLY_REJECTED", "SECURITY_REASONS",
           "SIGNATURE_REFUSED", "EntryRefusal", "signature_refused"]


def signature_refused(code: RefusalCode) -> str:
    """The stable reason for a signature the domain rules refuse."""
    return f"{SIGNATURE_REFUSED}:{code.value}"


#: Accepted: no reason.
ACCEPT = ""

#: Rejections that point at tampering, a forged station or a corrupted store.
SECURITY_REASONS: frozenset[str] = frozenset({
    EntryRefusal.PAYLOAD_HASH_MISMATCH, EntryRefusal.CONTENT_HASH_MISMATCH,
    EntryRefusal.SIGNATURE_HASH_MISMATCH, EntryRefusal.AUDIT_CHAIN_BREAK,
    EntryRefusal.AUDIT_HASH_MISMATCH, EntryRefusal.STATION_MISMATCH,
    EntryRefusal.RECORD_ID_REUSED, EntryRefusal.SIGNATURE_ID_REUSED,
    EntryRefusal.AUDIT_ENTRY_ID_REUSED, EntryRefusal.SIGNING_PROOF_MISSING,
    EntryRefusal.SIGNING_PROOF_INVALID, EntryRefusal.SIGNING_PROOF_USED,
    EntryRefusal.SIGNING_PROOF_EXPIRED, EntryRefusal.CREATED_IN_FUTURE,
    EntryRefusal.SIGNED_IN_FUTURE, EntryRefusal.SIGNED_BEFORE_RECORD,
    EntryRefusal.PRINTED_NAME_MISMATCH, EntryRefusal.SIGNER_NOT_ALLOWED_AT_STATION,
    EntryRefusal.OFFLINE_VERIFIER_MISSING, EntryRefusal.OFFLINE_VERIFIER_EXPIRED,
    EntryRefusal.STEP_RECIPE_MISMATCH, EntryRefusal.STEP_RECIPE_NEVER_EFFECTIVE,
    EntryRefusal.UNKNOWN_STEP, EntryRefusal.STEP_POLICY_MISMATCH,
    EntryRefusal.PROCESS_DATA_HASH_MISMATCH,
})
