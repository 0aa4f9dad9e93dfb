"""Every reason the plant server can give for refusing an entry reads as words on the station,
in both languages: the codes are the shared enum, so a new one without a name fails here."""

from __future__ import annotations

import pytest

from operator_console.domain.signatures import RefusalCode
from operator_console.domain.sync_refusals import (
    OUT_OF_ORDER,
    PREVIOUSLY_REJECTED,
    SIGNATURE_REFUSED,
    EntryRefusal,
)
from operator_console.ui.names.sync import reason_text


@pytest.mark.parametrize("reason", [
    *[r.value for r in EntryRefusal],
    *[f"{SIGNATURE_REFUSED}:{c.value}" for c in RefusalCode],
    f"{PREVIOUSLY_REJECTED}:{EntryRefusal.SIGNING_PROOF_MISSING.value}",
    f"{PREVIOUSLY_REJECTED}:{SIGNATURE_REFUSED}:{RefusalCode.SAME_PERSON.value}",
    OUT_OF_ORDER,
])
def test_every_refusal_reads_as_a_sentence(reason: str) -> None:
    text = reason_text(reason)
    assert text != reason and " " in text and not text.startswith(("signature_refused",
                                                                    "previously"))


def test_an_unknown_code_from_a_newer_server_is_shown_as_it_is() -> None:
    assert reason_text("some_future_reason") == "some_future_reason"
