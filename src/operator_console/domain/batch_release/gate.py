"""The release gate: every reason a batch may not be released now, from facts the plant
server gathered (its own records, never the station's word).

A batch is released only when :func:`open_items` is empty. Each item has a stable ``kind``
(a code, translated when shown), a ``ref`` naming what it is about (an exception's record ID,
a conflict number, a record, a station) and an English ``reason`` for logs and the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from operator_console.domain.batch_release.lifecycle import BatchState
from operator_console.domain.recipes.model import Severity


class OpenItemKind(StrEnum):
    EXECUTION_INCOMPLETE = "execution_incomplete"  # steps not done
    OPEN_EXCEPTION = "open_exception"
    OPEN_CONFLICT = "open_conflict"
    PENDING_SIGNATURE = "pending_signature"  # a record waits for its performer or verifier
    UNCHECKED_OFFLINE_SIGNATURE = "unchecked_offline_signature"
    AUDIT_REVIEW_MISSING = "audit_review_missing"
    MISSING_ENTRIES = "missing_entries"  # a station that worked on it has not delivered all
    NOT_UNDER_REVIEW = "not_under_review"  # on hold, or review not begun


@dataclass(frozen=True)
class OpenItem:
    kind: OpenItemKind
    ref: str
    reason: str
    severity: Severity | None = None  # exceptions only

    def as_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind.value, "ref": self.ref, "reason": self.reason,
                "severity": self.severity.value if self.severity else None}


@dataclass(frozen=True)
class OpenException:
    exception_id: str
    kind: str
    severity: Severity
    step_id: str | None
    description: str


@dataclass(frozen=True)
class PendingSignature:
    record_id: str
    step_id: str | None
    waits_on: str  # performer | verifier


@dataclass(frozen=True)
class OfflineSignatureClaim:
    """A signature a station said it made offline (its ``offline_signature`` exception) that
    the server holds no accepted signature for: not received yet, or refused."""

    record_id: str
    signer_id: str
    meaning: str
    exception_id: str


@dataclass(frozen=True)
class StationGap:
    """A station that worked on the batch and reported entries the server does not hold:
    ``reported`` its last outbox seq, ``stored`` the server's last stored seq from it;
    ``missing_records`` records the batch names (step records' exception IDs) not received."""

    station: str
    stored: int
    reported: int
    missing_records: tuple[str, ...] = ()


@dataclass(frozen=True)
class GateFacts:
    state: BatchState
    steps_total: int
    steps_done: int
    exceptions: Sequence[OpenException] = ()
    conflicts: Sequence[tuple[int, str]] = ()  # (conflict ID, summary), open ones
    pending: Sequence[PendingSignature] = ()
    offline_unchecked: Sequence[OfflineSignatureClaim] = ()
    audit_reviewed: bool = False
    gaps: Sequence[StationGap] = field(default_factory=tuple)


def open_items(facts: GateFacts) -> list[OpenItem]:
    """Every reason the batch may not be released, most severe first within each kind."""
    out: list[OpenItem] = []
    if facts.steps_done < facts.steps_total:
        out.append(OpenItem(OpenItemKind.EXECUTION_INCOMPLETE, f"{facts.steps_done}/"
                            f"{facts.steps_total}", f"{facts.steps_total - facts.steps_done} "
                            f"of {facts.steps_total} steps are not done"))
    for exc in sorted(facts.exceptions, key=lambda e: -e.severity.rank):
        out.append(OpenItem(OpenItemKind.OPEN_EXCEPTION, exc.exception_id,
                            f"{exc.severity.value} exception ({exc.kind}"
                            f"{', step ' + exc.step_id if exc.step_id else ''}) not "
                            f"dispositioned: {exc.description}", exc.severity))
    for cid, summary in facts.conflicts:
        out.append(OpenItem(OpenItemKind.OPEN_CONFLICT, str(cid),
                            f"conflict {cid} is open: {summary}"))
    for p in facts.pending:
        step = f" (step {p.step_id})" if p.step_id else ""
        out.append(OpenItem(OpenItemKind.PENDING_SIGNATURE, p.record_id,
                            f"record {p.record_id}{step} waits for its {p.waits_on}'s "
                            "signature"))
    for o in facts.offline_unchecked:
        out.append(OpenItem(OpenItemKind.UNCHECKED_OFFLINE_SIGNATURE, o.record_id,
                            f"the offline '{o.meaning}' signature by {o.signer_id} on record "
                            f"{o.record_id} has not been checked by the server (not received "
                            "or refused)"))
    for g in facts.gaps:
        missing = f"; records not received: {', '.join(g.missing_records)}" \
            if g.missing_records else ""
        behind = f"entries {g.stored + 1}-{g.reported} not received" \
            if g.reported > g.stored else "entries missing"
        out.append(OpenItem(OpenItemKind.MISSING_ENTRIES, g.station,
                            f"station {g.station}: {behind}{missing}"))
    if not facts.audit_reviewed:
        out.append(OpenItem(OpenItemKind.AUDIT_REVIEW_MISSING, "audit_trail",
                            "the batch's audit trail has not been reviewed"))
    if facts.state is not BatchState.UNDER_REVIEW:
        out.append(OpenItem(OpenItemKind.NOT_UNDER_REVIEW, facts.state.value,
                            f"the batch is {facts.state.value}, not under QA review"))
    return out
