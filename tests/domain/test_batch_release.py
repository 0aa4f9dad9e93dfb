"""The batch lifecycle, the release gate and the audit-trail review's flags (pure rules)."""

from __future__ import annotations

import pytest

from operator_console.domain.batch_execution.progress import StepRefusal, batch_progress
from operator_console.domain.batch_release.acts import ActKind, act_content, act_hash
from operator_console.domain.batch_release.audit_review import Notable, notable
from operator_console.domain.batch_release.gate import (
    GateFacts,
    OfflineSignatureClaim,
    OpenException,
    OpenItemKind,
    PendingSignature,
    StationGap,
    open_items,
)
from operator_console.domain.batch_release.lifecycle import (
    BatchState,
    Decision,
    TransitionRefusedError,
    accepts_steps,
    after_execution,
    begin_review,
    decide,
)
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import InvalidRecordError

S = BatchState


def test_the_lifecycle_moves_only_forward() -> None:
    assert after_execution(S.IN_PROCESS, True) is S.EXECUTION_COMPLETE
    assert after_execution(S.IN_PROCESS, False) is S.IN_PROCESS
    assert after_execution(S.UNDER_REVIEW, True) is S.UNDER_REVIEW
    assert begin_review(S.EXECUTION_COMPLETE) is S.UNDER_REVIEW
    assert begin_review(S.IN_PROCESS) is S.IN_PROCESS  # a disposition during execution
    assert decide(S.UNDER_REVIEW, Decision.RELEASE, complete=True) is S.RELEASED
    assert decide(S.IN_PROCESS, Decision.HOLD, complete=False) is S.ON_HOLD
    assert decide(S.ON_HOLD, Decision.RESUME, complete=True) is S.UNDER_REVIEW
    assert decide(S.ON_HOLD, Decision.RESUME, complete=False) is S.IN_PROCESS
    assert decide(S.EXECUTION_COMPLETE, Decision.REJECT, complete=True) is S.REJECTED


@pytest.mark.parametrize(("state", "decision", "code"), [
    (S.EXECUTION_COMPLETE, Decision.RELEASE, "not_under_review"),
    (S.ON_HOLD, Decision.RELEASE, "not_under_review"),
    (S.RELEASED, Decision.REJECT, "batch_closed"),
    (S.REJECTED, Decision.RESUME, "batch_closed"),
    (S.ON_HOLD, Decision.HOLD, "already_on_hold"),
    (S.UNDER_REVIEW, Decision.RESUME, "not_on_hold"),
])
def test_refused_decisions(state: BatchState, decision: Decision, code: str) -> None:
    with pytest.raises(TransitionRefusedError) as refused:
        decide(state, decision, complete=True)
    assert refused.value.code == code
    with pytest.raises(TransitionRefusedError):
        begin_review(S.RELEASED)


def test_closed_batches_take_no_step() -> None:
    assert accepts_steps(None) and accepts_steps(S.UNDER_REVIEW)
    assert not any(accepts_steps(s) for s in (S.RELEASED, S.REJECTED, S.ON_HOLD))
    recipe = demo_recipe()
    progress = batch_progress(recipe, recipe_ref(recipe).recipe_hash, [], [],
                              lifecycle="released")
    assert progress.closed and progress.executable == ()
    found = progress.refusal("BAY-CLEARANCE")
    assert found is not None and found[0] is StepRefusal.BATCH_CLOSED
    assert "released" in progress.refusal_message("BAY-CLEARANCE")
    unknown = progress.refusal("NOPE")
    assert unknown is not None and unknown[0] is StepRefusal.UNKNOWN_STEP


def test_the_gate_lists_every_reason_most_severe_exception_first() -> None:
    facts = GateFacts(
        state=S.EXECUTION_COMPLETE, steps_total=14, steps_done=13,
        exceptions=[OpenException("e1", "typed_entry", Severity.MINOR, "S1", "typed"),
                    OpenException("e2", "wrong_patient", Severity.CRITICAL, "S2", "bag")],
        conflicts=[(7, "step out of order")],
        pending=[PendingSignature("r1", "HARVEST", "verifier")],
        offline_unchecked=[OfflineSignatureClaim("r2", "op01", "performed", "e3")],
        audit_reviewed=False, gaps=[StationGap("ST-1", 10, 12)])
    items = open_items(facts)
    assert [i.kind for i in items] == [
        OpenItemKind.EXECUTION_INCOMPLETE, OpenItemKind.OPEN_EXCEPTION,
        OpenItemKind.OPEN_EXCEPTION, OpenItemKind.OPEN_CONFLICT,
        OpenItemKind.PENDING_SIGNATURE, OpenItemKind.UNCHECKED_OFFLINE_SIGNATURE,
        OpenItemKind.MISSING_ENTRIES, OpenItemKind.AUDIT_REVIEW_MISSING,
        OpenItemKind.NOT_UNDER_REVIEW]
    assert items[1].ref == "e2" and items[1].severity is Severity.CRITICAL
    assert "entries 11-12 not received" in items[6].reason
    assert all(i.reason for i in items)
    clean = GateFacts(state=S.UNDER_REVIEW, steps_total=14, steps_done=14,
                      audit_reviewed=True)
    assert open_items(clean) == []


def test_notable_audit_entries() -> None:
    assert notable("sign_failed", None) is Notable.FAILED_SIGNATURE
    assert notable("signature_refused", {}) is Notable.REFUSED_SIGNATURE
    assert notable("cassette_refused", None) is Notable.REFUSED_SCAN
    assert notable("setting_changed", None) is Notable.SETTING_CHANGE
    assert notable("record_corrected", None) is Notable.CORRECTION
    assert notable("record_signed", {"auth_method": "offline"}) is Notable.OFFLINE_WORK
    assert notable("record_signed", {"auth_method": "online"}) is None
    assert notable("record_created", {}, "typed_entry") is Notable.TYPED_ENTRY
    assert notable("record_created", {}, "phase_alarm") is Notable.EXCEPTION
    assert notable("record_created", {}) is None


def test_an_act_binds_what_it_decides() -> None:
    base = dict(batch_id="B-1", recipe_hash="h", target="release", reason="ok",
                signer_id="qa03", printed_name="中村 由美", signed_at="2026-12-01T00:00:00Z")
    content = act_content(ActKind.DECISION, **base)
    assert content["meaning"] == "approved"
    assert act_content(ActKind.AUDIT_REVIEW, **base)["meaning"] == "reviewed"
    assert act_hash(content) != act_hash(act_content(ActKind.DECISION,
                                                     **{**base, "target": "reject"}))
    with pytest.raises(InvalidRecordError):
        act_content(ActKind.DISPOSITION, **{**base, "reason": "  "})
