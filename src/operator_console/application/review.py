"""QA review at the plant server, for the Review page and ``operator-console review``: the
batches waiting for QA, one batch's review (what needs judgement first), and the signed acts
(disposition, audit-trail review, release / reject / hold / resume) and the resolution of a
conflict in place, each re-authenticated by the plant server. Qt-free and blocking: the page
runs these off the UI thread.

The server decides everything (the gate, who may act); this module only turns its answers
into plain values and an enum of problems the page words in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from operator_console.sync.http import (
    BadResponseError,
    PlantServerClient,
    ServerUnreachableError,
    UnauthorizedError,
)


class ActProblem(StrEnum):
    BAD_CREDENTIALS = "bad_credentials"
    ACCOUNT_LOCKED = "account_locked"
    ACCOUNT_DISABLED = "account_disabled"
    NOT_QA = "not_qa"
    PERFORMED_STEP = "performed_step"
    SAME_APPROVER = "same_approver"
    RELEASE_REFUSED = "release_refused"
    ALREADY_DONE = "already_done"  # already dispositioned, batch closed, wrong state
    UNREACHABLE = "unreachable"
    OTHER = "other"


_PROBLEM_OF = {
    "bad_credentials": ActProblem.BAD_CREDENTIALS, "account_locked": ActProblem.ACCOUNT_LOCKED,
    "account_locked_now": ActProblem.ACCOUNT_LOCKED,
    "account_disabled": ActProblem.ACCOUNT_DISABLED, "not_qa": ActProblem.NOT_QA,
    "performed_step": ActProblem.PERFORMED_STEP, "same_approver": ActProblem.SAME_APPROVER,
    "release_refused": ActProblem.RELEASE_REFUSED,
    "already_dispositioned": ActProblem.ALREADY_DONE, "batch_closed": ActProblem.ALREADY_DONE,
    "not_on_hold": ActProblem.ALREADY_DONE, "already_on_hold": ActProblem.ALREADY_DONE,
    "execution_incomplete": ActProblem.ALREADY_DONE, "already_resolved": ActProblem.ALREADY_DONE,
}


@dataclass(frozen=True)
class OpenItem:
    kind: str  # domain.batch_release.gate.OpenItemKind value
    ref: str
    reason: str  # English, from the server (the page words the kind itself)
    severity: str | None = None


@dataclass(frozen=True)
class WaitingBatch:
    batch_id: str
    state: str
    waiting_seconds: int | None
    open_items: tuple[OpenItem, ...]


@dataclass(frozen=True)
class ExceptionItem:
    exception_id: str
    kind: str
    severity: str
    step: str | None
    state: str
    description: str  # a manual exception's words (or an old automatic one's English)
    raised_by: str
    raised_at: str
    disposition: dict[str, Any] | None
    evidence: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class AuditItem:
    source: str
    seq: int
    ts: str
    actor: str
    event: str
    target: str
    notable: str | None


@dataclass(frozen=True)
class Review:
    batch_id: str
    patient_id: str
    recipe: str
    state: str
    waiting_seconds: int | None
    open_items: tuple[OpenItem, ...]
    exceptions: tuple[ExceptionItem, ...]
    conflicts: tuple[dict[str, Any], ...]
    pending: tuple[dict[str, Any], ...]
    offline: tuple[dict[str, Any], ...]
    corrections: tuple[dict[str, Any], ...]
    steps: tuple[dict[str, Any], ...]
    audit: tuple[AuditItem, ...]
    acts: tuple[dict[str, Any], ...]
    records: int
    disposition: dict[str, Any] | None
    approvals_needed: int = 1
    approvals: tuple[dict[str, Any], ...] = ()

    @property
    def open_exceptions(self) -> tuple[ExceptionItem, ...]:
        return tuple(e for e in self.exceptions if e.state == "open")

    @property
    def notable(self) -> tuple[AuditItem, ...]:
        return tuple(a for a in self.audit if a.notable)

    @property
    def audit_reviewed(self) -> bool:
        return not any(i.kind == "audit_review_missing" for i in self.open_items)


@dataclass(frozen=True)
class ActResult:
    ok: bool
    problem: ActProblem | None = None
    attempts_left: int | None = None
    open_items: tuple[OpenItem, ...] = field(default_factory=tuple)
    message: str = ""
    state: str | None = None


def _items(raw: Any) -> tuple[OpenItem, ...]:
    if not isinstance(raw, list):
        return ()
    return tuple(OpenItem(str(i.get("kind", "")), str(i.get("ref", "")),
                          str(i.get("reason", "")), i.get("severity"))
                 for i in raw if isinstance(i, dict))


def _waiting(raw: dict[str, Any]) -> WaitingBatch:
    seconds = raw.get("waiting_seconds")
    return WaitingBatch(str(raw["batch_id"]), str(raw["state"]),
                        seconds if isinstance(seconds, int) else None,
                        _items(raw.get("open_items")))


def waiting_batches(client: PlantServerClient) -> list[WaitingBatch]:
    status, body = client.answer("GET", "/batches/review")
    batches = body.get("batches")
    if status != 200 or not isinstance(batches, list):
        raise BadResponseError(f"the plant server did not list the batches (HTTP {status})")
    return [_waiting(b) for b in batches if isinstance(b, dict)]


def load_review(client: PlantServerClient, batch_id: str) -> Review:
    code, body = client.answer("GET", f"/batches/{batch_id}/review")
    if code != 200:
        raise BadResponseError(f"no review of batch {batch_id} (HTTP {code})")
    status, batch = body["status"], body["batch"]
    recipe = batch.get("recipe") or {}
    return Review(
        batch_id=batch_id, patient_id=str(batch.get("patient_id", "")),
        recipe=f"{recipe.get('id', '-')} v{recipe.get('version', '-')}",
        state=str(status["state"]),
        waiting_seconds=status.get("waiting_seconds"), open_items=_items(status["open_items"]),
        exceptions=tuple(ExceptionItem(
            str(e["id"]), str(e["kind"]), str(e["severity"]), e.get("step"), str(e["state"]),
            str(e.get("description", "")), str(e.get("raised_by", "")),
            str(e.get("raised_at", "")), e.get("disposition"),
            e["evidence"] if isinstance(e.get("evidence"), dict) else {})
            for e in body["exceptions"]),
        conflicts=tuple(body["conflicts"]), pending=tuple(body["pending"]),
        offline=tuple(body["offline"]), corrections=tuple(body["corrections"]),
        steps=tuple(body["steps"]),
        audit=tuple(AuditItem(str(a["source"]), int(a["seq"]), str(a["ts"]), str(a["actor"]),
                              str(a["event"]), str(a["target"]), a.get("notable"))
                    for a in body["audit"]),
        acts=tuple(body["acts"]), records=int(body["records"]),
        disposition=status.get("disposition"),
        approvals_needed=int(status.get("approvals_needed", 1)),
        approvals=tuple(status.get("approvals", ())))


def _act(client: PlantServerClient, path: str, body: dict[str, Any]) -> ActResult:
    try:
        code, answer = client.answer("POST", path, json=body)
    except (ServerUnreachableError, UnauthorizedError) as exc:
        return ActResult(False, ActProblem.UNREACHABLE, message=str(exc))
    if code == 200:
        return ActResult(True, state=str(answer.get("status", {}).get("state", "")))
    detail = str(answer.get("detail", ""))
    return ActResult(False, _PROBLEM_OF.get(detail, ActProblem.OTHER),
                     answer.get("attempts_left"), _items(answer.get("open_items")),
                     str(answer.get("message", detail)))


def disposition(client: PlantServerClient, batch_id: str, exception_id: str, *, user_id: str,
                password: str, reason: str) -> ActResult:
    return _act(client, f"/batches/{batch_id}/exceptions/{exception_id}/disposition",
                {"user_id": user_id, "password": password, "reason": reason})


def review_audit_trail(client: PlantServerClient, batch_id: str, *, user_id: str,
                       password: str, reason: str) -> ActResult:
    return _act(client, f"/batches/{batch_id}/audit-review",
                {"user_id": user_id, "password": password, "reason": reason})


def resolve_conflict(client: PlantServerClient, batch_id: str, conflict_id: int, *,
                     user_id: str, password: str, resolution: str) -> ActResult:
    """Resolve one of the batch's conflicts with a written resolution; the plant server
    checks the password and that the person is QA, and records who, when and why."""
    return _act(client, f"/batches/{batch_id}/conflicts/{conflict_id}/resolve",
                {"user_id": user_id, "password": password, "reason": resolution})


def decide(client: PlantServerClient, batch_id: str, decision: str, *, user_id: str,
           password: str, reason: str) -> ActResult:
    return _act(client, f"/batches/{batch_id}/decision", {
        "user_id": user_id, "password": password, "reason": reason, "decision": decision})


ClientFactory = Callable[[], PlantServerClient | None]


def with_client(factory: ClientFactory, work: Callable[[PlantServerClient], Any]) -> Any:
    """Run ``work`` on a client of its own (closed after); raises ServerUnreachableError
    when the station has no plant server link."""
    client = factory()
    if client is None:
        raise ServerUnreachableError("this station has no plant server link")
    try:
        return work(client)
    finally:
        client.close()
