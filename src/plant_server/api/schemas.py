"""Request and response bodies of the HTTP API (they define ``/openapi.json``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

#: The largest integer any stored number may take (PostgreSQL ``integer``).
MAX_INT = 2**31 - 1


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(Model):
    detail: str = Field(description="stable error code, e.g. 'enrollment_code_expired'")
    message: str = ""


class EnrollRequest(Model):
    code: str = Field(min_length=1, max_length=64, description="one-time enrollment code")
    station_name: str = Field(min_length=1, max_length=64)


class EnrollResponse(Model):
    station: str
    credential: str = Field(description="bearer token; shown once, keep it in the OS keyring")


class PushEntry(Model):
    entry_id: str = Field(min_length=1, max_length=64)
    station_seq: int = Field(ge=1, le=MAX_INT)
    kind: str = Field(min_length=1, max_length=32, description="record | signature | audit")
    payload: dict[str, Any]
    payload_hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class PushRequest(Model):
    entries: list[PushEntry] = Field(max_length=500)
    outbox_head: int | None = Field(
        default=None, ge=0, le=2**62,
        description="the highest seq the station holds; the release gate waits for "
                    "every entry up to it")


class PushResult(Model):
    entry_id: str
    station_seq: int
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str = Field(description="'' when accepted; a stable code otherwise")
    acknowledged: bool = Field(
        description="the server holds this entry durably: mark it synced. False only for "
                    "out_of_order (resend) and entry_id/seq reuse (security event).")


class PushResponse(Model):
    results: list[PushResult]
    last_seq: int = Field(description="the station's last stored station_seq")


class QualificationOut(Model):
    procedure: str
    valid_from: str
    valid_until: str | None


class UserOut(Model):
    user_id: str
    printed_name: str
    language: str
    badge_code: str | None
    active: bool
    locked: bool
    must_change_password: bool
    roles: list[str]
    qualifications: list[QualificationOut]


class OfflineVerifier(Model):
    user_id: str
    offline_verifier: str = Field(description="argon2id hash string (PHC format)")
    verifier_expires_at: str


class RecipeRefOut(Model):
    id: str
    version: int
    hash: str = Field(description="SHA-256 of the recipe's canonical content")


class BatchOut(Model):
    batch_id: str
    patient_id: str
    din: str
    coi_id: str
    status: str
    data: dict[str, Any]
    recipe: RecipeRefOut | None = Field(
        default=None, description="the pinned master recipe version; null: none")
    station_name: str | None = Field(default=None, description="the station running it")
    state: str = Field(default="in_process", description="the lifecycle the server holds: "
                       "in_process, execution_complete, under_review, released, rejected, "
                       "on_hold")
    dispositioned: list[str] = Field(
        default_factory=list, description="exceptions (record IDs) QA dispositioned at the "
        "server")


class RecipeOut(Model):
    recipe_id: str
    version: int
    hash: str = Field(description="SHA-256 of the canonical content (docs/recipes.md)")
    state: Literal["effective", "superseded"]
    effective_at: str | None
    superseded_at: str | None
    content: dict[str, Any] = Field(description="the canonical content: the recipe file's "
                                    "schema with defaults written out")


class ExpectedCassetteOut(Model):
    batch_id: str
    step: str
    gtin: str
    serial: str
    active: bool
    data: dict[str, Any]


class BayOut(Model):
    station_name: str
    bay_id: str
    in_service: bool
    data: dict[str, Any]


class ChannelOut(Model):
    endpoint: str
    node_id: str
    name_en: str
    name_ja: str
    unit: str
    range_low: float | None
    range_high: float | None
    limit_low: float | None
    limit_high: float | None
    active: bool
    data: dict[str, Any]


class ConflictOut(Model):
    id: int
    kind: str
    station_name: str
    other_station: str | None
    record_id: str | None
    entry_id: str | None
    summary: str
    details: dict[str, Any]
    status: Literal["open", "resolved"]
    created_at: str
    resolved_by: str | None
    resolved_at: str | None
    resolution: str | None


class PullResponse(Model):
    cursor: int
    next_cursor: int
    full: bool = Field(description="lists are complete: replace the cache instead of merging")
    users: list[UserOut]
    offline_verifiers: list[OfflineVerifier] = Field(
        description="always complete: drop cached verifiers of users not listed")
    batches: list[BatchOut]
    expected_cassettes: list[ExpectedCassetteOut]
    bays: list[BayOut]
    channels: list[ChannelOut]
    conflicts: list[ConflictOut] = Field(description="open conflicts involving this station")
    recipes: list[RecipeOut] = Field(default_factory=list, description=(
        "recipe versions that are or were effective, changed since the cursor"))
    server_time: str


class AuthCheckRequest(Model):
    user_id: str = Field(min_length=1, max_length=256)
    password: str = Field(max_length=1024)
    purpose: str = Field(default="login", max_length=32, description="login | signature | ...")
    content_hash: str | None = Field(
        default=None, pattern=r"^[0-9a-f]{64}$",
        description="signing: the record's content hash (with meaning: a proof is issued)")
    meaning: Literal["performed", "verified", "reviewed", "approved"] | None = None


class ChangePasswordRequest(Model):
    user_id: str = Field(min_length=1, max_length=256)
    old_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024, description="at least 8 characters, not the old")


class AuthCheckResponse(Model):
    ok: bool
    refusal: Literal["bad_credentials", "account_locked", "account_locked_now",
                     "account_disabled", "new_password_rejected"] | None
    attempts_left: int | None
    user: UserOut | None
    offline_verifier: OfflineVerifier | None = Field(
        default=None, description="after a right password at a station where the user may "
                                  "work: the user now works here and gets the verifier")
    signing_proof: str | None = Field(
        default=None, description="single-use proof for one online signature (content_hash "
                                  "and meaning were given and the password was right)")


class ConflictList(Model):
    conflicts: list[ConflictOut]


class ResolveRequest(Model):
    resolved_by: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024,
                          description="the resolver's own password, checked by the server")
    resolution: str = Field(min_length=1, max_length=4000)


class HealthResponse(Model):
    status: Literal["ok"]
    version: str
    server_time: str


class StationState(Model):
    """What the server holds of the calling station: the anchor its next sync is checked
    against (a station behind it was restored from an old copy, or its file was cut)."""

    station: str
    last_seq: int = Field(description="the last outbox seq stored from this station")
    audit_head_seq: int
    audit_head_hash: str
    records: int = Field(description="records stored from this station")
    server_time: str


class RollbackReport(Model):
    local_last_seq: int = Field(ge=0, le=MAX_INT)
    local_audit_seq: int = Field(ge=0, le=MAX_INT)
    local_hash_at_server_head: str | None = Field(default=None, max_length=64)
    local_records: int | None = Field(default=None, ge=0, le=MAX_INT)


class RollbackAnswer(Model):
    recorded: bool = Field(description="false: the same report was already recorded")


class ActRequest(Model):
    """A QA act at the server: the person's own password, checked here."""

    user_id: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    reason: str = Field(min_length=1, max_length=4000)


class DecisionRequest(ActRequest):
    decision: Literal["release", "reject", "hold", "resume"]


class WaitingBatches(Model):
    batches: list[dict[str, Any]] = Field(
        description="per batch: batch_id, state, state_at, complete_at, waiting_seconds, "
                    "open_items (kind, ref, reason, severity), disposition, approvals")


class BatchReviewOut(Model):
    """One batch's review (``services.review.BatchReview``): what needs judgement first
    (exceptions by severity, conflicts, pending and offline signatures, corrections), then
    the steps, the audit entries with the notable ones flagged, and the acts so far."""

    batch: dict[str, Any]
    status: dict[str, Any]
    exceptions: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    pending: list[dict[str, Any]]
    offline: list[dict[str, Any]]
    corrections: list[dict[str, Any]]
    steps: list[dict[str, Any]]
    audit: list[dict[str, Any]]
    acts: list[dict[str, Any]]
    records: int
    needs_judgement: dict[str, int]
    counts: dict[str, int]


class ConflictResolved(Model):
    conflict: ConflictOut
    status: dict[str, Any] = Field(description="the batch's state and open items after it")


class ActAnswer(Model):
    act: dict[str, Any] = Field(description="the signed act: target, reason, signer, "
                                "meaning, signed_at, content_hash, state before and after")
    status: dict[str, Any] = Field(description="the batch's state and open items after it")
