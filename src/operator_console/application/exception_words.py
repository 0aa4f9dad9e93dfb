"""An exception's sentence as the station shows it: the domain's words
(:func:`~operator_console.domain.batch_execution.exception_text.exception_text`, both
languages) with the pinned recipe's names for the field, material or sample it is about and
the station's names for its channel. The Batches and QA review pages, the signature dialog's
exception list and ``operator-console batch show`` all word an exception here; the batch
report words it from its own content with the same function."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from operator_console.domain.batch_execution.exception_text import exception_text
from operator_console.domain.batch_execution.step_inputs import step_labels
from operator_console.domain.canonical import JsonValue
from operator_console.domain.recipes.model import Step


def _unnamed(_code: str) -> str | None:
    return None


def exception_sentence(kind: str, evidence: Mapping[str, JsonValue] | None, lang: str, *,
                       description: str = "", step: Step | None = None,
                       labels: Mapping[str, Mapping[str, str]] | None = None,
                       channel: Callable[[str], str | None] = _unnamed) -> str:
    """``kind``'s sentence in ``lang`` from its ``evidence``; ``step``: the pinned recipe's
    step it was raised at (its names for the evidence's codes), when the station has it;
    else ``labels``, those names as the plant server's review gives them (code →
    ``{"en": ..., "ja": ...}``)."""
    names: dict[str, str] = {code: t.in_language(lang)
                             for code, t in step_labels(step).items()} if step else {}
    for code, pair in (labels or {}).items():
        if isinstance(pair, Mapping) and code not in names:
            names[code] = str(pair.get(lang) or pair.get("en") or code)

    def label(code: str) -> str | None:
        return names.get(code)

    return exception_text(kind, evidence, lang, description=description, label=label,
                          channel=channel)
