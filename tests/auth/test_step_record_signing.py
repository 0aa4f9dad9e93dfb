"""Step records are signed per the recipe step's policy, read from their content: performer
only, or two-person with the step's qualification; and the step state machine sees them
done only when complete."""

from __future__ import annotations

from operator_console.auth.signing_service import SigningService, needs_verification
from operator_console.domain.batch_execution.progress import (
    StepRecordFacts,
    StepState,
    batch_progress,
)
from operator_console.domain.batch_execution.step_record import step_record_draft
from operator_console.domain.batch_execution.verdicts import accept
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.records import Meaning, RecordStatus
from operator_console.domain.signatures import RefusalCode
from operator_console.services import Services
from operator_console.store.records import RecordFilter, RecordView, load_records

RECIPE = demo_recipe()
REF = recipe_ref(RECIPE)
IDS = [s.step_id for s in RECIPE.steps]


def signing(services: Services) -> SigningService:
    """The signing rules alone: these steps' order is made up here, and the station's own
    service (``services.signing``) re-checks it against the store, where no batch is pinned."""
    return services.cassettes.signing


def facts(step_id: str, status: RecordStatus = RecordStatus.COMPLETE) -> StepRecordFacts:
    return StepRecordFacts(f"rec-{step_id}", step_id, REF.recipe_hash, status)


def view(services: Services, record_id: str) -> RecordView:
    with services.db.read() as s:
        return load_records(s, RecordFilter(record_ids=[record_id]))[0]


def test_a_performer_only_step_is_complete_with_the_performers_signature(
        services: Services) -> None:
    before = [facts(s) for s in IDS[:IDS.index("IPC-SAMPLE")]]
    progress = batch_progress(RECIPE, REF.recipe_hash, before, [])
    draft = step_record_draft(progress, REF, "B-2026-0142", "IPC-SAMPLE",
                              accept({"sample_id": "CHA99992600142A-IPC-D7"}))
    assert not needs_verification(draft)
    out = signing(services).create_and_sign(draft, "op01", "demo-op01")
    assert out.ok and out.record_id
    stored = view(services, out.record_id)
    assert stored.status is RecordStatus.COMPLETE and not needs_verification(stored)
    done = batch_progress(RECIPE, REF.recipe_hash,
                          [*before, facts("IPC-SAMPLE", stored.status)], [])
    assert done.of("IPC-SAMPLE").state is StepState.DONE  # type: ignore[union-attr]


def test_a_two_person_step_waits_for_a_verifier_qualified_for_it(services: Services) -> None:
    before = [facts(s) for s in IDS[:IDS.index("CELL-COUNT")]]
    progress = batch_progress(RECIPE, REF.recipe_hash, before, [])
    draft = step_record_draft(progress, REF, "B-2026-0142", "CELL-COUNT",
                              accept({"values": {"VCD": 2.5, "VIABILITY": 91.0}}))
    assert needs_verification(draft)
    out = signing(services).create_and_sign(draft, "op01", "demo-op01")
    assert out.ok and out.record_id
    assert view(services, out.record_id).status is RecordStatus.AWAITING_VERIFICATION
    waiting = batch_progress(RECIPE, REF.recipe_hash, [*before, facts(
        "CELL-COUNT", RecordStatus.AWAITING_VERIFICATION)], [])
    assert waiting.of("CELL-COUNT").waits_on == "verifier"  # type: ignore[union-attr]
    # ver04 is a verifier, but not qualified for STEP-COMPLETE (the step's qualification).
    refused = signing(services).sign(out.record_id, "ver04", "demo-ver04", Meaning.VERIFIED)
    assert refused.refusal is not None
    assert refused.refusal.code is RefusalCode.QUALIFICATION_MISSING
    assert "STEP-COMPLETE" in refused.refusal.message
    verified = signing(services).sign(out.record_id, "ver01", "demo-ver01", Meaning.VERIFIED)
    assert verified.ok
    assert view(services, out.record_id).status is RecordStatus.COMPLETE
