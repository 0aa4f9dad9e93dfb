"""A batch's lifecycle at the plant server, the release gate, and QA's signed acts on it:
exception dispositions, the audit-trail review, and release / reject / hold / resume.

Every act re-authenticates its person here (password checked by this server, failures count
to lockout), needs the QA role at the server's time, and is refused to anyone who created or
signed any record of the batch (IDs compared by skeleton, so a look-alike ID is the same
person). Each act is stored append-only with its canonical content and SHA-256
(``domain.batch_release.acts``) and audited. The functions return plain dataclasses: the
batch report reads them as they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.batch_release.acts import (
    MEANING_OF,
    ActKind,
    act_content,
    act_hash,
    reviewed_entries_digest,
)
from operator_console.domain.batch_release.gate import GateFacts, OpenItem, OpenItemKind
from operator_console.domain.batch_release.gate import open_items as gate_items
from operator_console.domain.batch_release.lifecycle import (
    WAITING_FOR_QA,
    BatchState,
    Decision,
    TransitionRefusedError,
    after_execution,
    begin_review,
    decide,
)
from operator_console.domain.canonical import JsonValue, canonical_json
from operator_console.domain.identity import skeleton
from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.people import Role
from plant_server.models import Batch, Record, User
from plant_server.release_models import BatchAct
from plant_server.services.audit import audit
from plant_server.services.auth_check import check_credentials
from plant_server.services.batch_view import BatchView, batch_view
from plant_server.services.batches import get_batch
from plant_server.services.common import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ServiceError,
    next_change_seq,
    now_iso,
    utcnow,
)
from plant_server.services.release_facts import (
    audit_lines,
    batch_conflicts,
    open_exceptions,
    pending_signatures,
    station_gaps,
    unchecked_offline,
)
from plant_server.services.users import person_at


class GateRefusedError(ConflictError):
    """Release refused: ``items`` lists every reason."""

    def __init__(self, items: list[OpenItem]) -> None:
        super().__init__("release_refused", "release refused: " + "; ".join(
            i.reason for i in items))
        self.items = items


@dataclass(frozen=True)
class ActOut:
    act: str
    target: str
    reason: str
    state_before: str
    state_after: str
    signer_id: str
    printed_name: str
    meaning: str
    signed_at: str
    via: str
    content_hash: str

    def as_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


def act_out(row: BatchAct) -> ActOut:
    return ActOut(row.act, row.target, row.reason, row.state_before, row.state_after,
                  row.signer_id, row.printed_name, row.meaning, row.signed_at, row.via,
                  row.content_hash)


@dataclass(frozen=True)
class BatchStatus:
    """A batch's lifecycle and gate: what ``batch show --json`` and the review list carry."""

    batch_id: str
    state: str
    state_at: str | None
    complete_at: str | None
    #: Seconds the batch has waited for QA (execution complete until released/rejected).
    waiting_seconds: int | None
    open_items: list[OpenItem]
    #: The last decision (release, reject, hold, resume), if any.
    disposition: ActOut | None
    approvals_needed: int
    approvals: list[ActOut] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"batch_id": self.batch_id, "state": self.state, "state_at": self.state_at,
                "complete_at": self.complete_at, "waiting_seconds": self.waiting_seconds,
                "open_items": [i.as_dict() for i in self.open_items],
                "disposition": self.disposition.as_dict() if self.disposition else None,
                "approvals_needed": self.approvals_needed,
                "approvals": [a.as_dict() for a in self.approvals]}


def _state(batch: Batch) -> BatchState:
    return BatchState(batch.state or BatchState.IN_PROCESS.value)


def _set_state(session: Session, batch: Batch, state: BatchState, *, actor: str,
               reason: str = "") -> None:
    old = batch.state
    if old == state.value:
        return
    batch.state, batch.state_at = state.value, now_iso()
    if state is BatchState.EXECUTION_COMPLETE and batch.complete_at is None:
        batch.complete_at = batch.state_at
    batch.change_seq = next_change_seq(session)  # stations learn it with the next pull
    audit(session, actor=actor, event="batch_state_changed", target=f"batch:{batch.batch_id}",
          reason=reason, old={"state": old}, new={"state": state.value})


def note_execution(session: Session, batch_ids: set[str]) -> None:
    """After a push: a batch whose every step the server now holds as done has completed
    execution (the release clock starts)."""
    for batch_id in sorted(batch_ids):
        batch = session.get(Batch, batch_id)
        if batch is None or batch.recipe_hash is None or \
                _state(batch) is not BatchState.IN_PROCESS:
            continue
        view = batch_view(session, batch)
        if view.progress is not None and view.progress.complete:
            _set_state(session, batch, after_execution(_state(batch), True),
                       actor="plant-server", reason="every step done")


def batches_of_records(session: Session, record_ids: set[str]) -> set[str]:
    ids = sorted(record_ids)
    out: set[str] = set()
    for start in range(0, len(ids), 500):
        out.update(session.scalars(select(Record.batch_id).where(
            Record.record_id.in_(ids[start:start + 500]))))
    return out


def _audit_entry_count(lines: list[Any]) -> int:
    return sum(1 for line in lines if line.source != "plant-server")


def _review_current(session: Session, view: BatchView) -> tuple[bool, str]:
    """Is there an audit-trail review that covered every station entry the batch has now?"""
    reviews = [a for a in view.acts if a.act == ActKind.AUDIT_REVIEW.value]
    if not reviews:
        return False, "the batch's audit trail has not been reviewed"
    covered = json.loads(reviews[-1].content_json).get("details", {}).get("entries", 0)
    now = _audit_entry_count(audit_lines(session, view))
    if now > covered:
        return False, (f"{now - covered} audit entries arrived after the audit-trail review; "
                       "review it again")
    return True, ""


def gate(session: Session, view: BatchView) -> list[OpenItem]:
    """Every reason the batch may not be released now (empty: it may)."""
    progress = view.progress
    reviewed, why = _review_current(session, view)
    facts = GateFacts(
        state=_state(view.batch),
        steps_total=len(progress.steps) if progress else 1,
        steps_done=sum(1 for p in progress.steps if p.state.value == "done") if progress
        else 0,
        exceptions=open_exceptions(view),
        conflicts=[(c.id, c.summary) for c in batch_conflicts(session, view)],
        pending=pending_signatures(view), offline_unchecked=unchecked_offline(view),
        audit_reviewed=reviewed, gaps=station_gaps(session, view))
    items = gate_items(facts)
    if why:
        items = [OpenItem(i.kind, i.ref, why) if i.kind is OpenItemKind.AUDIT_REVIEW_MISSING
                 else i for i in items]
    return items


def _release_approvals(view: BatchView) -> list[BatchAct]:
    """'approved' releases given since the batch last changed state (a second approver
    joins the first; a hold in between starts again)."""
    out: list[BatchAct] = []
    for act in view.acts:
        if act.act != ActKind.DECISION.value:
            continue
        if act.target == Decision.RELEASE.value and act.state_after == act.state_before:
            out.append(act)
        else:
            out = []
    return out


def batch_status(session: Session, batch: Batch, approvals_needed: int = 1) -> BatchStatus:
    view = batch_view(session, batch)
    return _status(session, view, approvals_needed)


def _status(session: Session, view: BatchView, approvals_needed: int) -> BatchStatus:
    batch = view.batch
    decisions = [a for a in view.acts if a.act == ActKind.DECISION.value
                 and a.state_after != a.state_before]
    waited = None
    if batch.complete_at is not None:
        end = batch.state_at if _state(batch).value in ("released", "rejected") and \
            batch.state_at else now_iso()
        waited = int((parse_utc_iso(end) - parse_utc_iso(batch.complete_at)).total_seconds())
    items = gate(session, view) if batch.recipe_hash else []
    if _state(batch).value in ("released", "rejected"):  # decided: no review is pending
        items = [i for i in items if i.kind is not OpenItemKind.NOT_UNDER_REVIEW]
    return BatchStatus(batch.batch_id, _state(batch).value, batch.state_at, batch.complete_at,
                       waited, items,
                       act_out(decisions[-1]) if decisions else None, approvals_needed,
                       [act_out(a) for a in _release_approvals(view)])


def waiting_for_qa(session: Session, approvals_needed: int = 1) -> list[BatchStatus]:
    """Batches that wait for QA (execution complete, under review, on hold) and batches in
    process with an open critical exception (QA must disposition it before work goes on)."""
    out = []
    for batch in session.scalars(select(Batch).where(Batch.recipe_hash.is_not(None))
                                 .order_by(Batch.batch_id)):
        state = _state(batch)
        if state in WAITING_FOR_QA:
            out.append(batch_status(session, batch, approvals_needed))
        elif state is BatchState.IN_PROCESS:
            view = batch_view(session, batch)
            if view.progress is not None and view.progress.blocked:
                out.append(_status(session, view, approvals_needed))
    return out


# --- the acts --------------------------------------------------------------------------

@dataclass(frozen=True)
class ActOutcome:
    """``refusal``: the password check's code (the failed attempt is kept, like any)."""

    act: ActOut | None
    status: BatchStatus | None
    refusal: str | None = None
    attempts_left: int | None = None


def _reviewer(session: Session, view: BatchView, *, user_id: str, password: str,
              purpose: str, via: str, threshold: int) -> User | ActOutcome:
    outcome = check_credentials(session, user_id=user_id, password=password, purpose=purpose,
                                station=via.removeprefix("station:"), threshold=threshold)
    if not outcome.ok or outcome.user is None:
        return ActOutcome(None, None, outcome.refusal or "bad_credentials",
                          outcome.attempts_left)
    user = outcome.user
    if not person_at(user, utcnow()).has_role(Role.QA):
        raise ForbiddenError("not_qa", f"{user.user_id} does not hold the QA role")
    mine = skeleton(user.user_id)
    if any(skeleton(p) == mine for p in view.performers()):
        raise ForbiddenError("performed_step", f"{user.user_id} created or signed a record "
                             f"of batch {view.batch.batch_id}; someone who did no part of it "
                             "must review and release it")
    return user


def _store_act(session: Session, view: BatchView, kind: ActKind, user: User, *, target: str,
               reason: str, via: str, before: BatchState, after: BatchState,
               details: dict[str, JsonValue] | None = None) -> BatchAct:
    signed_at = now_iso()
    content = act_content(kind, batch_id=view.batch.batch_id,
                          recipe_hash=view.batch.recipe_hash, target=target, reason=reason,
                          signer_id=user.user_id, printed_name=user.printed_name,
                          signed_at=signed_at,
                          details={**(details or {}), "state_before": before.value,
                                   "state_after": after.value})
    row = BatchAct(batch_id=view.batch.batch_id, act=kind.value, target=target,
                   reason=reason.strip(), state_before=before.value,
                   state_after=after.value, signer_id=user.user_id,
                   printed_name=user.printed_name, meaning=MEANING_OF[kind].value,
                   signed_at=signed_at, via=via,
                   content_json=canonical_json(content).decode("utf-8"),
                   content_hash=act_hash(content))
    session.add(row)
    session.flush()
    view.acts.append(row)
    audit(session, actor=user.user_id, event=f"batch_{kind.value}",
          target=f"batch:{view.batch.batch_id}", reason=reason,
          new={"target": target, "content_hash": row.content_hash, "via": via,
               "state": after.value})
    return row


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ServiceError("reason_required", "give the reason for this act")
    return reason


def disposition_exception(session: Session, batch_id: str, exception_id: str, *,
                          user_id: str, password: str, reason: str, via: str,
                          threshold: int, approvals_needed: int = 1) -> ActOutcome:
    """Close an open exception of the batch with a signed reason."""
    _reason(reason)
    batch = get_batch(session, batch_id)
    view = batch_view(session, batch)
    found = next((e for e in view.exceptions if e.exception_id == exception_id), None)
    if found is None:
        raise NotFoundError("unknown_exception", f"batch {batch_id} has no exception "
                            f"{exception_id!r}")
    if found.state.value != "open":
        raise ConflictError("already_dispositioned", f"exception {exception_id} is already "
                            "dispositioned")
    user = _reviewer(session, view, user_id=user_id, password=password,
                     purpose="disposition", via=via, threshold=threshold)
    if isinstance(user, ActOutcome):
        return user
    before = _state(batch)
    after = _begin(before)
    body = view.records[exception_id].body
    row = _store_act(session, view, ActKind.DISPOSITION, user, target=exception_id,
                     reason=reason, via=via, before=before, after=after,
                     details={"kind": str(body.get("kind")),
                              "severity": str(body.get("severity"))})
    _set_state(session, batch, after, actor=user.user_id, reason="review begun")
    batch.change_seq = next_change_seq(session)  # the station learns the disposition
    return ActOutcome(act_out(row), batch_status(session, batch, approvals_needed))


def _begin(state: BatchState) -> BatchState:
    try:
        return begin_review(state)
    except TransitionRefusedError as exc:
        raise ConflictError(exc.code, str(exc)) from exc


def review_audit_trail(session: Session, batch_id: str, *, user_id: str, password: str,
                       reason: str, via: str, threshold: int,
                       approvals_needed: int = 1) -> ActOutcome:
    """The audit-trail review, signed 'reviewed': it covers the batch's entries as they are
    now (their hashes, digested); entries arriving later call for a new review."""
    _reason(reason)
    batch = get_batch(session, batch_id)
    view = batch_view(session, batch)
    if view.progress is None or not view.progress.complete:
        raise ConflictError("execution_incomplete", f"batch {batch_id} is still in process: "
                            "its audit trail is reviewed once every step is done")
    user = _reviewer(session, view, user_id=user_id, password=password,
                     purpose="audit_review", via=via, threshold=threshold)
    if isinstance(user, ActOutcome):
        return user
    lines = [line for line in audit_lines(session, view) if line.source != "plant-server"]
    before = _state(batch)
    after = _begin(before)
    row = _store_act(session, view, ActKind.AUDIT_REVIEW, user, target="audit_trail",
                     reason=reason, via=via, before=before, after=after, details={
                         "entries": len(lines),
                         "notable": sum(1 for line in lines if line.notable),
                         "entries_digest": reviewed_entries_digest([x.hash for x in lines])})
    _set_state(session, batch, after, actor=user.user_id, reason="review begun")
    return ActOutcome(act_out(row), batch_status(session, batch, approvals_needed))


def decide_batch(session: Session, batch_id: str, decision: Decision | str, *, user_id: str,
                 password: str, reason: str, via: str, threshold: int,
                 approvals_needed: int = 1) -> ActOutcome:
    """Release (through the gate; with a second, different approver where the site needs
    two), reject, hold, or resume a held batch, with an 'approved' signature."""
    _reason(reason)
    decision = Decision(decision)
    batch = get_batch(session, batch_id)
    view = batch_view(session, batch)
    before = _state(batch)
    complete = view.progress is not None and view.progress.complete
    try:
        after = decide(before, decision, complete=complete)
    except TransitionRefusedError as exc:
        if decision is Decision.RELEASE and exc.code == "not_under_review":
            raise GateRefusedError(gate(session, view)) from exc
        raise ConflictError(exc.code, str(exc)) from exc
    if decision is Decision.RELEASE:
        items = gate(session, view)
        if items:
            raise GateRefusedError(items)
    user = _reviewer(session, view, user_id=user_id, password=password,
                     purpose=f"batch_{decision.value}", via=via, threshold=threshold)
    if isinstance(user, ActOutcome):
        return user
    if decision is Decision.RELEASE:
        earlier = _release_approvals(view)
        if any(skeleton(a.signer_id) == skeleton(user.user_id) for a in earlier):
            raise ForbiddenError("same_approver", f"{user.user_id} has already approved the "
                                 "release; a different QA person must give the second "
                                 "approval")
        if len(earlier) + 1 < approvals_needed:
            after = before  # the first of two approvals: the batch waits for the second
    row = _store_act(session, view, ActKind.DECISION, user, target=decision.value,
                     reason=reason, via=via, before=before, after=after,
                     details={"approval": len(_release_approvals(view)) + 1
                              if decision is Decision.RELEASE else 0,
                              "approvals_needed": approvals_needed})
    _set_state(session, batch, after, actor=user.user_id, reason=reason)
    return ActOutcome(act_out(row), batch_status(session, batch, approvals_needed))

