"""Why the plant server refuses a pushed entry: the stable codes of the sync protocol.

Shared by both products: the server answers with these codes (and stores them), the station
shows them to QA in words. ``signature_refused:<RefusalCode>`` carries a two-person/signature
rule's own code; ``previously_rejected:<reason>`` answers a resend of an entry refused before.
"""

from __future__ import annotations

from enum import StrEnum

#: Prefix of a refusal by the two-person / signature rules: ``signature_refused:<code>``.
SIGNATURE_REFUSED = "signature_refused"
#: Prefix of the answer to an entry that was refused when it was first pushed.
PREVIOUSLY_REJECTED = "previously_rejected"
#: Not stored: an earlier entry of the station is missing; the station sends again from it.
OUT_OF_ORDER = "out_of_order"


class EntryRefusal(StrEnum):
    """A pushed entry's refusal reason; the value is the stable code stored and answered."""

    # any kind (checked by ``push`` before the per-kind rules)
    PAYLOAD_NOT_CANONICAL = "payload_not_canonical"
    PAYLOAD_HASH_MISMATCH = "payload_hash_mismatch"
    UNKNOWN_KIND = "unknown_kind"
    STATION_MISMATCH = "station_mismatch"
    CONTENT_HASH_MISMATCH = "content_hash_mismatch"
    # records
    MALFORMED_RECORD = "malformed_record"
    UNKNOWN_USER = "unknown_user"
    UNKNOWN_CORRECTED_RECORD = "unknown_corrected_record"
    UNKNOWN_BATCH = "unknown_batch"  # the record names a batch the plant server does not have
    RECORD_ID_REUSED = "record_id_reused"
    CREATED_IN_FUTURE = "created_in_future"
    # step records, checked against the batch's pinned recipe (plant server)
    STEP_BATCH_UNKNOWN = "step_batch_unknown"  # no such batch, or none made from a recipe
    STEP_RECIPE_MISMATCH = "step_recipe_mismatch"  # id/version/hash do not name one version
    STEP_RECIPE_NEVER_EFFECTIVE = "step_recipe_never_effective"  # a draft or unknown hash
    UNKNOWN_STEP = "unknown_step"  # not a step of the pinned recipe
    STEP_POLICY_MISMATCH = "step_policy_mismatch"  # type or signature policy not the recipe's
    # signatures
    MALFORMED_SIGNATURE = "malformed_signature"
    SIGNATURE_HASH_MISMATCH = "signature_hash_mismatch"
    UNKNOWN_RECORD = "unknown_record"
    SIGNATURE_ID_REUSED = "signature_id_reused"
    UNKNOWN_SIGNER = "unknown_signer"
    SIGNING_PROOF_MISSING = "signing_proof_missing"  # online, but no proof from the server
    SIGNING_PROOF_INVALID = "signing_proof_invalid"  # unknown, or bound to something else
    SIGNING_PROOF_USED = "signing_proof_used"
    SIGNING_PROOF_EXPIRED = "signing_proof_expired"  # signed_at outside the proof's life
    SIGNED_IN_FUTURE = "signed_in_future"
    SIGNED_BEFORE_RECORD = "signed_before_record"
    PRINTED_NAME_MISMATCH = "printed_name_mismatch"  # not the signer's own (11.50)
    SIGNER_NOT_ALLOWED_AT_STATION = "signer_not_allowed_at_station"
    OFFLINE_VERIFIER_MISSING = "offline_verifier_missing"  # never given at this station
    OFFLINE_VERIFIER_EXPIRED = "offline_verifier_expired"  # signed after it expired there
    # audit entries
    MALFORMED_AUDIT = "malformed_audit"
    AUDIT_CHAIN_BREAK = "audit_chain_break"
    AUDIT_HASH_MISMATCH = "audit_hash_mismatch"
    AUDIT_ENTRY_ID_REUSED = "audit_entry_id_reused"
    # process data (an instrument phase's chunks, ``domain.process_data``)
    MALFORMED_PROCESS_DATA = "malformed_process_data"
    PROCESS_DATA_TOO_LARGE = "process_data_too_large"
    UNKNOWN_PHASE_RECORD = "unknown_phase_record"  # no such instrument-phase step record
    PROCESS_DATA_PART_REUSED = "process_data_part_reused"
    PROCESS_DATA_HASH_MISMATCH = "process_data_hash_mismatch"
