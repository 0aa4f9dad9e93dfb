"""The record a completed step leaves: a ``step_record`` whose content pins the recipe (id,
version, hash), names the step and its type, states the signature policy the recipe gives it
(which the record's signature rules follow, see ``domain.records.step_record_policy``), and
holds the expected and the actual values, with the IDs of the exceptions raised while the
step was done. :func:`step_record_draft` refuses a step that may not be executed now or whose
inputs were refused, so no screen can record a step out of order.
"""

from __future__ import annotations

from collections.abc import Sequence

from operator_console.domain.batch_execution.progress import REFUSAL_MESSAGES, BatchProgress
from operator_console.domain.batch_execution.step_inputs import expected_values
from operator_console.domain.batch_execution.verdicts import Verdict
from operator_console.domain.canonical import JsonValue
from operator_console.domain.recipes.content import RecipeRef
from operator_console.domain.recipes.model import Step
from operator_console.domain.records import RecordDraft, RecordType


class StepNotExecutableError(ValueError):
    """The step may not be recorded now; ``code`` is a StepRefusal or the verdict's code."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def step_record_content(ref: RecipeRef, step: Step, actual: JsonValue,
                        exception_ids: Sequence[str] = ()) -> dict[str, JsonValue]:
    return {
        "recipe": ref.as_dict(),
        "step": step.step_id,
        "step_type": step.step_type.value,
        "signature": {"policy": step.signature.policy.value,
                      "qualification": step.signature.qualification},
        "expected": expected_values(step),
        "actual": actual,
        "exceptions": list(exception_ids),
    }


def step_record_draft(progress: BatchProgress, ref: RecipeRef, batch_id: str, step_id: str,
                      verdict: Verdict, exception_ids: Sequence[str] = ()) -> RecordDraft:
    """The step record of ``step_id``, if the state machine lets it be done now and its
    inputs were accepted; raises :class:`StepNotExecutableError` otherwise."""
    if ref.recipe_id != progress.recipe.recipe_id or ref.version != progress.recipe.version:
        raise ValueError("the recipe reference is not the batch's recipe")
    found = progress.refusal(step_id)
    if found is not None:
        code, params = found
        raise StepNotExecutableError(code.value, REFUSAL_MESSAGES[code].format(**params))
    if not verdict.ok:
        raise StepNotExecutableError(verdict.code, verdict.message)
    step = progress.recipe.step(step_id)
    assert step is not None  # refusal() said the step exists
    return RecordDraft(RecordType.STEP_RECORD, batch_id,
                       step_record_content(ref, step, dict(verdict.actual), exception_ids))
