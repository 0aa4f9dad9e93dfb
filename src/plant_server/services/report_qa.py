"""QA's part of the batch report, from the server's signed QA acts (``batch_acts``): the
batch's lifecycle state, its audit-trail review and its disposition (release, rejection or
hold), as the typed facts ``domain.batch_report`` renders."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from operator_console.domain.batch_release.acts import ActKind
from operator_console.domain.batch_release.lifecycle import Decision
from operator_console.domain.batch_report.facts import (
    AuditTrailReviewFacts,
    ReleaseFacts,
    SignatureLine,
)
from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import AuthMethod
from plant_server.release_models import BatchAct
from plant_server.services.batch_view import batch_view
from plant_server.services.batches import get_batch
from plant_server.services.release import batch_status

#: The lasting disposition a decision leaves (a resume takes a held batch back into review).
DISPOSITION_OF = {Decision.RELEASE.value: "released", Decision.REJECT.value: "rejected",
                  Decision.HOLD.value: "on_hold"}


@dataclass(frozen=True)
class QaFacts:
    lifecycle_state: str
    audit_trail_review: AuditTrailReviewFacts | None
    release: ReleaseFacts | None


def _line(act: BatchAct) -> SignatureLine:
    # Every QA act is signed at the server with the password checked there: online.
    return SignatureLine(printed_name=act.printed_name, signer_id=act.signer_id,
                         meaning=Meaning(act.meaning), signed_at=parse_utc_iso(act.signed_at),
                         auth_method=AuthMethod.ONLINE, station=act.via)


def qa_facts(session: Session, batch_id: str, approvals_needed: int = 1) -> QaFacts:
    batch = get_batch(session, batch_id)
    status = batch_status(session, batch, approvals_needed)
    acts = sorted(batch_view(session, batch).acts, key=lambda a: (a.signed_at, a.id))
    reviews = [a for a in acts if a.act == ActKind.AUDIT_REVIEW.value]
    review = None
    if reviews:
        last = reviews[-1]
        details = json.loads(last.content_json).get("details", {})
        review = AuditTrailReviewFacts(
            record_id=last.content_hash, reviewed_at=parse_utc_iso(last.signed_at),
            entries_reviewed=int(details.get("entries", 0)),
            entries_flagged=int(details.get("notable", 0)), comment=last.reason,
            signatures=(_line(last),))
    release = None
    decisions = [a for a in acts if a.act == ActKind.DECISION.value]
    if decisions and decisions[-1].target in DISPOSITION_OF:
        last = decisions[-1]
        # The approvers of this decision: the run of the same decision that ends the list.
        same = []
        for act in reversed(decisions):
            if act.target != last.target:
                break
            same.append(act)
        release = ReleaseFacts(decision=DISPOSITION_OF[last.target], reason=last.reason,
                               decided_at=parse_utc_iso(last.signed_at),
                               signatures=tuple(_line(a) for a in reversed(same)))
    return QaFacts(status.state, review, release)
