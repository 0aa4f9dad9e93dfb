"""Look-alike user IDs (issue 13, point 5): new IDs from a restricted alphabet, skeletons
compared wherever "the same person" matters, including the two-person rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_console.domain.canonical import content_hash
from operator_console.domain.identity import (
    InvalidUserId,
    check_new_user_id,
    confusable,
    normalise_user_id,
    skeleton,
)
from operator_console.domain.people import Person, Qualification, Role
from operator_console.domain.records import Meaning, RecordType
from operator_console.domain.signatures import (
    AuthMethod,
    RefusalCode,
    SignatureFacts,
    check_signer,
)

CYRILLIC_E = "v\u0435r01"  # "vеr01": Cyrillic small letter ie
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("a", "b"), [
    ("ver01", CYRILLIC_E), ("op01", "opo1"), ("op01", "OP0l"), ("admin", "adm1n"),
    ("mary", "rnary"), ("qa01", "ＱＡ０１"), ("op.01", "op_01"), ("p\u03bf01", "po01"),
])
def test_look_alikes_share_a_skeleton(a: str, b: str) -> None:
    assert confusable(a, b) and skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("op01", "op02"), ("ver01", "ver10"), ("qa01", "qa02")])
def test_different_ids_differ(a: str, b: str) -> None:
    assert not confusable(a, b)


@pytest.mark.parametrize("raw", [CYRILLIC_E, "山田", "op\u00e901", "op+01", "op@01"])
def test_new_ids_outside_the_alphabet_are_refused(raw: str) -> None:
    with pytest.raises(InvalidUserId):
        check_new_user_id(raw)


def test_new_ids_are_normalised_first() -> None:
    assert check_new_user_id(" ＮＥＷ０１ ") == "new01"
    assert check_new_user_id("a.b_c-d") == "a.b_c-d"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._-", min_size=1, max_size=20))
def test_skeleton_is_a_function_of_the_normalised_id(raw: str) -> None:
    assert skeleton(raw) == skeleton(normalise_user_id(raw)) == skeleton(raw.upper())


def _facts(signer: str, meaning: Meaning) -> SignatureFacts:
    return SignatureFacts(record_id="r1", content_hash=content_hash({"r": 1}), signer_id=signer,
                          printed_name="佐藤 健", meaning=meaning, signed_at=T0, station="S1",
                          auth_method=AuthMethod.ONLINE)


def test_two_person_rule_compares_skeletons() -> None:
    """ "ver01 performs, vеr01 verifies" is one person signing twice."""
    twin = Person(CYRILLIC_E, "佐藤 健", frozenset({Role.OPERATOR, Role.VERIFIER}),
                  (Qualification("STEP-COMPLETE", datetime(2020, 1, 1, tzinfo=UTC), None),))
    performed = [_facts("ver01", Meaning.PERFORMED)]
    refused = check_signer(RecordType.STEP_COMPLETION, Meaning.VERIFIED, twin, performed, T0)
    assert refused is not None and refused.code is RefusalCode.SAME_PERSON
    created = check_signer(RecordType.STEP_COMPLETION, Meaning.VERIFIED, twin,
                           [_facts("op01", Meaning.PERFORMED)], T0, created_by="ver01")
    assert created is not None and created.code is RefusalCode.SAME_PERSON
