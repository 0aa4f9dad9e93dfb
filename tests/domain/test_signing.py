"""Signature rules: linking (11.70), manifestation (11.50), the two-person rule, status."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_console.domain.canonical import content_hash
from operator_console.domain.identity import skeleton
from operator_console.domain.manifestation import Manifestation
from operator_console.domain.people import Person, Qualification, Role
from operator_console.domain.records import (
    RECORD_POLICY,
    Meaning,
    RecordDraft,
    RecordStatus,
    RecordType,
    policy_for,
    record_hash,
)
from operator_console.domain.signatures import (
    REFUSAL_MESSAGES,
    SIGNATURE_SCHEMA,
    AuthMethod,
    Refusal,
    RefusalCode,
    SignatureFacts,
    check_signer,
    overdue_for_verification,
    record_status,
    refusal,
    signature_hash,
    signature_payload,
    verify_signature,
)

JST = timezone(timedelta(hours=9), "JST")
T0 = datetime(2026, 11, 27, 5, 0, tzinfo=UTC)
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
ALL_PROCEDURES = ("CASSETTE-LOAD", "CASSETTE-UNLOAD", "ALARM-ACK", "STEP-COMPLETE", "SOP-X")
HASH = content_hash({"record": 1})
ORIGINAL_TYPES = [t for t in RecordType if t is not RecordType.CORRECTION]
VERIFIED_TYPES = {RecordType.CASSETTE_LOAD, RecordType.CASSETTE_UNLOAD,
                  RecordType.STEP_COMPLETION, RecordType.STEP_RECORD}
#: Record types that need no signature (exceptions raised automatically).
UNSIGNED_TYPES = {RecordType.EXCEPTION}


def quals(*procedures: str, until: datetime | None = None) -> tuple[Qualification, ...]:
    return tuple(Qualification(p, LONG_AGO, until) for p in procedures)


def person(user_id: str, /, *roles: Role, procedures: Sequence[str] = ALL_PROCEDURES,
           **changes: Any) -> Person:
    fields: dict[str, Any] = {
        "user_id": user_id, "printed_name": f"Name of {user_id}", "roles": frozenset(roles),
        "qualifications": quals(*procedures), "active": True, "locked": False,
    }
    fields.update(changes)
    return Person(**fields)


OPERATOR = person("op01", Role.OPERATOR)
VERIFIER = person("ver01", Role.OPERATOR, Role.VERIFIER)
QA1 = person("qa01", Role.QA)
QA2 = person("qa02", Role.QA)


def facts(meaning: Meaning, signer: Person | str, /, **changes: Any) -> SignatureFacts:
    signer_id = signer if isinstance(signer, str) else signer.user_id
    fields: dict[str, Any] = {
        "record_id": "rec-1", "content_hash": HASH, "signer_id": signer_id,
        "printed_name": "山田 花子", "meaning": meaning, "signed_at": T0, "station": "ST-01",
        "auth_method": AuthMethod.ONLINE,
    }
    fields.update(changes)
    return SignatureFacts(**fields)


def procedure_of(record_type: RecordType, corrects_type: RecordType | None = None) -> str | None:
    return policy_for(record_type, corrects_type).procedure


# ---------------------------------------------------------------- people


def test_qualification_bounds_from_inclusive_until_exclusive() -> None:
    q = Qualification("CASSETTE-LOAD", T0, T0 + timedelta(days=365))
    assert not q.is_current(T0 - timedelta(microseconds=1))
    assert q.is_current(T0)
    assert q.is_current(T0 + timedelta(days=365) - timedelta(microseconds=1))
    assert not q.is_current(T0 + timedelta(days=365))
    assert q.has_ended(T0 + timedelta(days=365))
    assert not q.has_ended(T0)


def test_open_ended_qualification_and_other_zones() -> None:
    q = Qualification("CASSETTE-LOAD", datetime(2026, 11, 27, 14, 0, tzinfo=JST))
    assert q.valid_from == T0 and q.valid_from.tzinfo is UTC
    assert q.is_current(datetime(2100, 1, 1, tzinfo=UTC))
    assert not q.has_ended(datetime(2100, 1, 1, tzinfo=UTC))
    assert q.is_current(datetime(2026, 11, 27, 14, 0, tzinfo=JST))
    assert not q.is_current(datetime(2026, 11, 27, 13, 59, tzinfo=JST))


def test_revoked_qualification_is_never_current() -> None:
    q = Qualification("X", T0, T0)
    assert not q.is_current(T0)
    assert q.has_ended(T0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"procedure": "", "valid_from": T0},
        {"procedure": "X", "valid_from": datetime(2026, 1, 1)},
        {"procedure": "X", "valid_from": T0, "valid_until": datetime(2027, 1, 1)},
    ],
)
def test_invalid_qualifications(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Qualification(**kwargs)


def test_is_current_refuses_naive_time() -> None:
    with pytest.raises(ValueError):
        Qualification("X", T0).is_current(datetime(2026, 11, 27))


def test_person_normalises_id_and_coerces_roles() -> None:
    roles: Any = frozenset({"operator", "verifier"})  # as master data delivers them
    p = Person("ＯＰ０１", "山田 花子", roles, (), True, False)
    assert p.user_id == "op01"
    assert p.roles == {Role.OPERATOR, Role.VERIFIER}
    assert all(isinstance(r, Role) for r in p.roles)
    assert p.printed_name == "山田 花子"
    assert p.has_role(Role.VERIFIER) and not p.has_role(Role.QA)
    assert p.has_any_role([Role.QA, Role.OPERATOR]) and not p.has_any_role([])


def test_person_qualification_lookup() -> None:
    expired = Qualification("CASSETTE-LOAD", LONG_AGO, T0)
    current = Qualification("CASSETTE-LOAD", T0)
    p = person("op01", Role.OPERATOR, qualifications=(expired, current))
    assert p.qualifications_for("CASSETTE-LOAD") == (expired, current)
    assert p.qualifications_for("cassette-load") == ()  # codes match exactly
    assert p.is_qualified("CASSETTE-LOAD", T0)
    assert not p.is_qualified("CASSETTE-LOAD", T0 - timedelta(days=10 * 365))


@pytest.mark.parametrize(
    "changes", [{"user_id": "op 01"}, {"user_id": ""}, {"printed_name": " "},
                {"roles": frozenset({"superuser"})}],
)
def test_invalid_person(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        person("op01", Role.OPERATOR, **changes)


def test_role_codes() -> None:
    assert [r.value for r in Role] == ["operator", "verifier", "qa", "administrator"]


# ---------------------------------------------------------------- signature facts and hash


def test_signature_payload_layout() -> None:
    f = facts(Meaning.VERIFIED, "ＶＥＲ０１", signed_at=datetime(2026, 11, 27, 14, 0, tzinfo=JST),
              auth_method="offline")
    assert signature_payload(f) == {
        "schema": SIGNATURE_SCHEMA,
        "record_id": "rec-1",
        "content_hash": HASH,
        "signer_id": "ver01",
        "printed_name": "山田 花子",
        "meaning": "verified",
        "signed_at": "2026-11-27T05:00:00.000000Z",
        "station": "ST-01",
        "auth_method": "offline",
    }
    assert f.auth_method is AuthMethod.OFFLINE
    assert signature_hash(f) == content_hash(signature_payload(f))


@pytest.mark.parametrize(
    "changes",
    [
        {"record_id": ""},
        {"station": "  "},
        {"content_hash": "abc"},
        {"content_hash": HASH.upper()},
        {"content_hash": HASH + "0"},
        {"printed_name": ""},
        {"signer_id": "op 01"},
        {"meaning": "witnessed"},
        {"auth_method": "badge"},
        {"signed_at": datetime(2026, 11, 27, 5, 0)},
    ],
)
def test_invalid_signature_facts(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        facts(Meaning.PERFORMED, "op01", **changes)


SIGNATURE_FIELD_CHANGES: dict[str, Any] = {
    "record_id": "rec-2",
    "content_hash": content_hash({"record": 2}),
    "signer_id": "op02",
    "printed_name": "山田 花",
    "meaning": Meaning.VERIFIED,
    "signed_at": T0 + timedelta(microseconds=1),
    "station": "ST-02",
    "auth_method": AuthMethod.OFFLINE,
}


def test_every_signature_field_is_covered() -> None:
    assert set(SIGNATURE_FIELD_CHANGES) == {f.name for f in dataclasses.fields(SignatureFacts)}


@pytest.mark.parametrize("field", list(SIGNATURE_FIELD_CHANGES))
def test_changing_any_signature_field_breaks_the_signature(field: str) -> None:
    original = facts(Meaning.PERFORMED, "op01")
    stored = signature_hash(original)
    tampered = dataclasses.replace(original, **{field: SIGNATURE_FIELD_CHANGES[field]})
    assert signature_hash(tampered) != stored
    assert not verify_signature(tampered, stored, HASH)
    assert verify_signature(original, stored, HASH)


def test_signature_hash_is_stable_under_nfc_nfd_and_id_spelling() -> None:
    nfc = facts(Meaning.PERFORMED, "op01", printed_name="山田 ガ子")
    nfd = facts(Meaning.PERFORMED, "ＯＰ０１",
                printed_name=unicodedata.normalize("NFD", "山田 ガ子"),
                signed_at=T0.astimezone(JST))
    assert signature_hash(nfc) == signature_hash(nfd)


def test_changing_the_record_breaks_its_signatures() -> None:
    # 11.70: a signature covers the record's content hash
    hdr: dict[str, Any] = {"record_id": "rec-1", "created_by": "op01", "created_at": T0,
                           "station": "ST-01"}
    draft = RecordDraft(RecordType.CASSETTE_LOAD, "B1", {"bay": 2, "lot": "L1"})
    h = record_hash(draft, **hdr)
    f = facts(Meaning.PERFORMED, "op01", content_hash=h)
    stored = signature_hash(f)
    assert verify_signature(f, stored, h)
    edited = RecordDraft(RecordType.CASSETTE_LOAD, "B1", {"bay": 3, "lot": "L1"})
    assert not verify_signature(f, stored, record_hash(edited, **hdr))
    assert not verify_signature(f, stored, record_hash(draft, **{**hdr, "created_by": "op02"}))
    assert not verify_signature(f, "0" * 64, h)
    assert not verify_signature(f, stored.upper(), h)


content_values = st.dictionaries(
    st.text(min_size=1, max_size=5),
    st.one_of(st.integers(-1000, 1000), st.text(max_size=8), st.booleans(), st.none()),
    min_size=1, max_size=5,
)


@given(content_values, st.data())
def test_any_content_change_fails_verification(
    content: dict[str, Any], data: st.DataObject
) -> None:
    hdr: dict[str, Any] = {"record_id": "rec-1", "created_by": "op01", "created_at": T0,
                           "station": "ST-01"}
    h = record_hash(RecordDraft(RecordType.COMMENT, "B1", content), **hdr)
    f = facts(Meaning.PERFORMED, "op01", content_hash=h)
    stored = signature_hash(f)
    key = data.draw(st.sampled_from(sorted(content)))
    new = data.draw(st.one_of(st.integers(1001, 2000), st.text(min_size=9, max_size=12)))
    changed = {**content, key: new}
    assert not verify_signature(f, stored, record_hash(RecordDraft(RecordType.COMMENT, "B1",
                                                                   changed), **hdr))
    assert verify_signature(f, stored, h)


# ---------------------------------------------------------------- manifestation


def test_manifestation_from_facts() -> None:
    f = facts(Meaning.VERIFIED, "ver01", signed_at=datetime(2026, 11, 27, 14, 5, tzinfo=JST))
    m = Manifestation.from_facts(f)
    assert m == Manifestation("山田 花子", datetime(2026, 11, 27, 5, 5, tzinfo=UTC),
                              Meaning.VERIFIED, offline=False)
    assert m.signed_at_utc.tzinfo is UTC
    assert Manifestation.from_facts(dataclasses.replace(f, auth_method=AuthMethod.OFFLINE)).offline


def test_manifestation_refuses_naive_time() -> None:
    with pytest.raises(ValueError):
        Manifestation("山田 花子", datetime(2026, 11, 27), Meaning.PERFORMED)


# ---------------------------------------------------------------- refusal codes and messages


def test_refusal_codes_are_stable() -> None:
    assert {c.value for c in RefusalCode} == {
        "wrong_password", "account_locked_now", "account_disabled", "account_locked",
        "meaning_not_allowed", "record_superseded", "already_signed_with_meaning",
        "performer_required_first", "verification_required_first", "same_person",
        "not_operator", "not_verifier", "not_qa", "qualification_missing",
        "qualification_not_yet_valid", "qualification_expired", "content_changed",
        "already_corrected", "correction_not_allowed",
    }


@pytest.mark.parametrize("code", list(RefusalCode))
def test_every_code_has_a_message_that_says_what_to_do(code: RefusalCode) -> None:
    r = refusal(code, meaning="verified", record_type="cassette_load", procedure="CASSETTE-LOAD")
    assert isinstance(r, Refusal)
    assert r.code is code
    assert "{" not in r.message and "}" not in r.message
    # two sentences at least: the problem, then the action
    assert len(re.findall(r"[.:]\s", r.message + " ")) >= 2, r.message
    assert r.message == REFUSAL_MESSAGES[code].format(**dict(r.params))


def test_refusal_is_frozen_and_hashable() -> None:
    r = refusal(RefusalCode.NOT_VERIFIER)
    assert r.params == ()
    assert hash(r) == hash(refusal(RefusalCode.NOT_VERIFIER))


# ---------------------------------------------------------------- the two-person rule


def prerequisites(record_type: RecordType, meaning: Meaning,
                  corrects_type: RecordType | None = None) -> list[SignatureFacts]:
    """The signatures a record has when ``meaning`` is the next one in the natural order."""
    policy = policy_for(record_type, corrects_type)
    existing: list[SignatureFacts] = []
    if meaning is not Meaning.PERFORMED:
        existing.append(facts(Meaning.PERFORMED, OPERATOR))
    if meaning in (Meaning.REVIEWED, Meaning.APPROVED) and policy.requires_verification:
        existing.append(facts(Meaning.VERIFIED, VERIFIER))
    if meaning is Meaning.APPROVED:
        existing.append(facts(Meaning.REVIEWED, QA2))
    return existing


def natural_signer(meaning: Meaning, root_type: RecordType | None = None) -> Person:
    if meaning is Meaning.PERFORMED and root_type is RecordType.EXCEPTION_DISPOSITION:
        return QA2  # only QA dispositions an exception
    return {Meaning.PERFORMED: OPERATOR, Meaning.VERIFIED: VERIFIER,
            Meaning.REVIEWED: QA2, Meaning.APPROVED: QA1}[meaning]


CASES = [(rt, ct) for rt in ORIGINAL_TYPES for ct in [None]] + [
    (RecordType.CORRECTION, ct) for ct in ORIGINAL_TYPES
]


@pytest.mark.parametrize(("record_type", "corrects_type"), CASES)
@pytest.mark.parametrize("meaning", list(Meaning))
def test_every_record_type_and_meaning(
    record_type: RecordType, corrects_type: RecordType | None, meaning: Meaning
) -> None:
    needs_verification = (corrects_type or record_type) in VERIFIED_TYPES
    result = check_signer(record_type, meaning,
                          natural_signer(meaning, corrects_type or record_type),
                          prerequisites(record_type, meaning, corrects_type), T0,
                          procedure_of(record_type, corrects_type), corrects_type=corrects_type)
    if meaning is Meaning.VERIFIED and not needs_verification:
        assert result is not None and result.code is RefusalCode.MEANING_NOT_ALLOWED
        assert record_type.value in result.message
    else:
        assert result is None


@pytest.mark.parametrize(("record_type", "corrects_type"), CASES)
def test_status_follows_the_signing_sequence(
    record_type: RecordType, corrects_type: RecordType | None
) -> None:
    needs_verification = (corrects_type or record_type) in VERIFIED_TYPES
    kw: dict[str, Any] = {"corrects_type": corrects_type}
    sigs: list[SignatureFacts] = []
    unsigned = (corrects_type or record_type) in UNSIGNED_TYPES
    assert record_status(record_type, sigs, None, **kw) is (
        RecordStatus.COMPLETE if unsigned else RecordStatus.AWAITING_SIGNATURE)
    sigs.append(facts(Meaning.PERFORMED, OPERATOR))
    expected = (RecordStatus.AWAITING_VERIFICATION if needs_verification
                else RecordStatus.COMPLETE)
    assert record_status(record_type, sigs, None, **kw) is expected
    if needs_verification:
        sigs.append(facts(Meaning.VERIFIED, VERIFIER))
        assert record_status(record_type, sigs, None, **kw) is RecordStatus.COMPLETE
    sigs.append(facts(Meaning.REVIEWED, QA1))
    sigs.append(facts(Meaning.APPROVED, QA2))
    assert record_status(record_type, sigs, None, **kw) is RecordStatus.COMPLETE
    for prefix in range(len(sigs) + 1):
        assert record_status(record_type, sigs[:prefix], "rec-9", **kw) is RecordStatus.CORRECTED


def test_status_of_a_correction_needs_the_original_type() -> None:
    with pytest.raises(ValueError):
        record_status(RecordType.CORRECTION, [], None)
    # ... unless it is itself corrected: then nothing more is needed of it
    assert record_status(RecordType.CORRECTION, [], "rec-3") is RecordStatus.CORRECTED


def test_status_of_a_type_needing_no_signature() -> None:
    import operator_console.domain.records as records

    original = records.RECORD_POLICY[RecordType.COMMENT]
    records.RECORD_POLICY[RecordType.COMMENT] = dataclasses.replace(
        original, requires_signature=False
    )
    try:
        assert record_status(RecordType.COMMENT, [], None) is RecordStatus.COMPLETE
    finally:
        records.RECORD_POLICY[RecordType.COMMENT] = original


def code_of(result: Refusal | None) -> RefusalCode | None:
    return None if result is None else result.code


def load_check(meaning: Meaning, signer: Person, existing: Sequence[SignatureFacts],
               **kw: Any) -> Refusal | None:
    kw.setdefault("procedure", "CASSETTE-LOAD")
    at = kw.pop("at", T0)
    return check_signer(RecordType.CASSETTE_LOAD, meaning, signer, existing, at, **kw)


PERFORMED = [facts(Meaning.PERFORMED, OPERATOR)]
VERIFIED = [*PERFORMED, facts(Meaning.VERIFIED, VERIFIER)]

# One scenario per refusal code that check_signer returns: (code, meaning, signer, existing,
# extra keyword arguments).
REFUSAL_SCENARIOS: list[tuple[RefusalCode, Meaning, Person, list[SignatureFacts],
                              dict[str, Any]]] = [
    (RefusalCode.ACCOUNT_DISABLED, Meaning.VERIFIED,
     person("ver02", Role.VERIFIER, active=False), PERFORMED, {}),
    (RefusalCode.ACCOUNT_LOCKED, Meaning.VERIFIED,
     person("ver02", Role.VERIFIER, locked=True), PERFORMED, {}),
    (RefusalCode.MEANING_NOT_ALLOWED, Meaning.VERIFIED, VERIFIER,
     [facts(Meaning.PERFORMED, OPERATOR)], {"record_type": RecordType.COMMENT}),
    (RefusalCode.RECORD_SUPERSEDED, Meaning.VERIFIED, VERIFIER, PERFORMED,
     {"superseded": True}),
    (RefusalCode.ALREADY_SIGNED_WITH_MEANING, Meaning.VERIFIED,
     person("ver02", Role.VERIFIER), VERIFIED, {}),
    (RefusalCode.PERFORMER_REQUIRED_FIRST, Meaning.VERIFIED, VERIFIER, [], {}),
    (RefusalCode.VERIFICATION_REQUIRED_FIRST, Meaning.REVIEWED, QA1, PERFORMED, {}),
    (RefusalCode.SAME_PERSON, Meaning.VERIFIED,
     person("op01", Role.OPERATOR, Role.VERIFIER), PERFORMED, {}),
    (RefusalCode.NOT_OPERATOR, Meaning.PERFORMED, person("ver02", Role.VERIFIER), [], {}),
    (RefusalCode.NOT_VERIFIER, Meaning.VERIFIED, person("op02", Role.OPERATOR), PERFORMED, {}),
    (RefusalCode.NOT_QA, Meaning.REVIEWED, person("ver02", Role.VERIFIER), VERIFIED, {}),
    (RefusalCode.QUALIFICATION_MISSING, Meaning.VERIFIED,
     person("ver02", Role.VERIFIER, procedures=["CASSETTE-UNLOAD"]), PERFORMED, {}),
    (RefusalCode.QUALIFICATION_NOT_YET_VALID, Meaning.VERIFIED,
     person("ver02", Role.VERIFIER,
            qualifications=(Qualification("CASSETTE-LOAD", T0 + timedelta(days=1)),)),
     PERFORMED, {}),
    (RefusalCode.QUALIFICATION_EXPIRED, Meaning.VERIFIED,
     person("ver02", Role.VERIFIER,
            qualifications=quals("CASSETTE-LOAD", until=T0)), PERFORMED, {}),
]
# Codes raised outside check_signer: by the auth layer, or by the signing service when the
# stored record no longer verifies.
AUTH_LAYER_CODES = {RefusalCode.WRONG_PASSWORD, RefusalCode.ACCOUNT_LOCKED_NOW,
                    RefusalCode.CONTENT_CHANGED, RefusalCode.ALREADY_CORRECTED,
                    RefusalCode.CORRECTION_NOT_ALLOWED}


def run_scenario(meaning: Meaning, signer: Person, existing: list[SignatureFacts],
                 extra: dict[str, Any]) -> Refusal | None:
    extra = dict(extra)
    record_type = extra.pop("record_type", RecordType.CASSETTE_LOAD)
    extra.setdefault("procedure", procedure_of(record_type))
    procedure = extra.pop("procedure")
    return check_signer(record_type, meaning, signer, existing, T0, procedure, **extra)


@pytest.mark.parametrize(
    ("code", "meaning", "signer", "existing", "extra"), REFUSAL_SCENARIOS,
    ids=[s[0].value for s in REFUSAL_SCENARIOS],
)
def test_each_refusal_code(code: RefusalCode, meaning: Meaning, signer: Person,
                           existing: list[SignatureFacts], extra: dict[str, Any]) -> None:
    result = run_scenario(meaning, signer, existing, extra)
    assert result is not None
    assert result.code is code
    assert result.message == REFUSAL_MESSAGES[code].format(**dict(result.params))


def test_every_check_signer_code_is_reachable() -> None:
    reached = {s[0] for s in REFUSAL_SCENARIOS}
    assert reached | AUTH_LAYER_CODES == set(RefusalCode)
    assert not reached & AUTH_LAYER_CODES


def test_qualification_messages_name_the_procedure() -> None:
    for code, meaning, signer, existing, extra in REFUSAL_SCENARIOS:
        if code.value.startswith("qualification"):
            result = run_scenario(meaning, signer, existing, extra)
            assert result is not None and "CASSETTE-LOAD" in result.message
            assert dict(result.params) == {"procedure": "CASSETTE-LOAD"}


# --- the order of checks: the first failure is the one reported


def test_disabled_wins_over_locked_and_everything_else() -> None:
    ghost = person("op01", active=False, locked=True, qualifications=())
    assert code_of(load_check(Meaning.VERIFIED, ghost, VERIFIED)) is RefusalCode.ACCOUNT_DISABLED
    locked = person("op01", locked=True, qualifications=())
    assert code_of(load_check(Meaning.VERIFIED, locked, VERIFIED)) is RefusalCode.ACCOUNT_LOCKED


def test_locked_or_disabled_accounts_cannot_perform_either() -> None:
    operator = person("op05", Role.OPERATOR)
    for p in (dataclasses.replace(operator, active=False),
              dataclasses.replace(operator, locked=True)):
        for rt in ORIGINAL_TYPES:
            result = check_signer(rt, Meaning.PERFORMED, p, [], T0, procedure_of(rt))
            assert result is not None
            assert result.code in (RefusalCode.ACCOUNT_DISABLED, RefusalCode.ACCOUNT_LOCKED)


def test_same_person_is_reported_before_missing_role() -> None:
    # the performer, holding only the operator role, tries to verify their own work
    result = load_check(Meaning.VERIFIED, OPERATOR, PERFORMED)
    assert result is not None and result.code is RefusalCode.SAME_PERSON
    assert "verified" in result.message


def test_performer_cannot_also_review_or_approve() -> None:
    op_qa = person("op01", Role.OPERATOR, Role.QA)
    for meaning in (Meaning.REVIEWED, Meaning.APPROVED):
        assert code_of(load_check(meaning, op_qa, VERIFIED)) is RefusalCode.SAME_PERSON


def test_verifier_cannot_also_review_and_reviewer_cannot_approve() -> None:
    ver_qa = person("ver01", Role.VERIFIER, Role.QA)
    assert code_of(load_check(Meaning.REVIEWED, ver_qa, VERIFIED)) is RefusalCode.SAME_PERSON
    reviewed = [*VERIFIED, facts(Meaning.REVIEWED, QA1)]
    assert code_of(load_check(Meaning.APPROVED, QA1, reviewed)) is RefusalCode.SAME_PERSON
    assert load_check(Meaning.APPROVED, QA2, reviewed) is None


def test_approval_does_not_need_a_review_first() -> None:
    assert load_check(Meaning.APPROVED, QA1, VERIFIED) is None


def test_performed_twice_is_refused() -> None:
    result = load_check(Meaning.PERFORMED, person("op02", Role.OPERATOR), PERFORMED)
    assert result is not None and result.code is RefusalCode.ALREADY_SIGNED_WITH_MEANING


def test_creator_cannot_verify_even_if_someone_else_performed() -> None:
    result = load_check(Meaning.VERIFIED, person("ＯＰ０９", Role.VERIFIER), PERFORMED,
                        created_by="op09")
    assert result is not None and result.code is RefusalCode.SAME_PERSON
    # ... but the creator may perform, and the check is skipped when created_by is unknown
    assert load_check(Meaning.PERFORMED, OPERATOR, [], created_by="OP01") is None
    assert load_check(Meaning.VERIFIED, person("op09", Role.VERIFIER), PERFORMED) is None


def test_superseded_record_can_still_be_reviewed() -> None:
    assert load_check(Meaning.REVIEWED, QA1, VERIFIED, superseded=True) is None
    assert code_of(load_check(Meaning.PERFORMED, OPERATOR, [], superseded=True)) is (
        RefusalCode.RECORD_SUPERSEDED
    )


def test_administrator_role_alone_signs_nothing() -> None:
    admin = person("adm01", Role.ADMINISTRATOR)
    assert code_of(load_check(Meaning.PERFORMED, admin, [])) is RefusalCode.NOT_OPERATOR
    assert code_of(load_check(Meaning.VERIFIED, admin, PERFORMED)) is RefusalCode.NOT_VERIFIER
    assert code_of(load_check(Meaning.REVIEWED, admin, VERIFIED)) is RefusalCode.NOT_QA
    result = check_signer(RecordType.COMMENT, Meaning.PERFORMED, admin, [], T0, None)
    assert result is not None and result.code is RefusalCode.NOT_OPERATOR


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.VERIFIER, Role.QA])
def test_anyone_on_the_floor_may_comment(role: Role) -> None:
    p = person("x01", role, procedures=())
    assert check_signer(RecordType.COMMENT, Meaning.PERFORMED, p, [], T0, None) is None


def test_verifier_only_cannot_perform_a_step() -> None:
    result = load_check(Meaning.PERFORMED, person("ver02", Role.VERIFIER), [])
    assert result is not None and result.code is RefusalCode.NOT_OPERATOR
    assert "cassette_load" in result.message


def test_performer_needs_the_qualification_too() -> None:
    untrained = person("op02", Role.OPERATOR, procedures=())
    result = load_check(Meaning.PERFORMED, untrained, [])
    assert result is not None and result.code is RefusalCode.QUALIFICATION_MISSING


def test_qa_review_needs_no_step_qualification() -> None:
    assert load_check(Meaning.REVIEWED, person("qa03", Role.QA, procedures=()), VERIFIED) is None


def test_qualification_is_judged_at_the_signing_time() -> None:
    q = Qualification("CASSETTE-LOAD", LONG_AGO, T0 + timedelta(hours=1))
    ver = person("ver02", Role.VERIFIER, qualifications=(q,))
    assert load_check(Meaning.VERIFIED, ver, PERFORMED, at=T0) is None
    late = load_check(Meaning.VERIFIED, ver, PERFORMED, at=T0 + timedelta(hours=1))
    assert late is not None and late.code is RefusalCode.QUALIFICATION_EXPIRED


def test_renewed_qualification_counts_even_with_an_expired_one() -> None:
    ver = person("ver02", Role.VERIFIER, qualifications=(
        *quals("CASSETTE-LOAD", until=T0 - timedelta(days=1)),
        Qualification("CASSETTE-LOAD", T0 - timedelta(days=1)),
    ))
    assert load_check(Meaning.VERIFIED, ver, PERFORMED) is None


def test_expired_wins_over_not_yet_valid() -> None:
    ver = person("ver02", Role.VERIFIER, qualifications=(
        *quals("CASSETTE-LOAD", until=T0), Qualification("CASSETTE-LOAD", T0 + timedelta(1)),
    ))
    result = load_check(Meaning.VERIFIED, ver, PERFORMED)
    assert code_of(result) is RefusalCode.QUALIFICATION_EXPIRED


def test_qualification_for_another_procedure_does_not_count() -> None:
    ver = person("ver02", Role.VERIFIER, procedures=["CASSETTE-LOAD"])
    result = check_signer(RecordType.CASSETTE_UNLOAD, Meaning.VERIFIED, ver, PERFORMED, T0,
                          "CASSETTE-UNLOAD")
    assert result is not None and result.code is RefusalCode.QUALIFICATION_MISSING


@pytest.mark.parametrize("given_procedure", [None, "", "  "])
def test_missing_procedure_falls_back_to_the_policy(given_procedure: str | None) -> None:
    ver = person("ver02", Role.VERIFIER, procedures=["SOP-X"])
    result = load_check(Meaning.VERIFIED, ver, PERFORMED, procedure=given_procedure)
    assert result is not None and result.code is RefusalCode.QUALIFICATION_MISSING
    assert "CASSETTE-LOAD" in result.message


def test_explicit_procedure_overrides_the_policy() -> None:
    ver = person("ver02", Role.VERIFIER, procedures=["STEP-7-HARVEST"])
    assert load_check(Meaning.VERIFIED, ver, PERFORMED, procedure="STEP-7-HARVEST") is None


def test_correction_uses_the_original_procedure_and_rule() -> None:
    # correcting a cassette load needs two people qualified for CASSETTE-LOAD
    ver = person("ver02", Role.VERIFIER, procedures=["CASSETTE-LOAD"])
    kw: dict[str, Any] = {"corrects_type": RecordType.CASSETTE_LOAD}
    assert check_signer(RecordType.CORRECTION, Meaning.VERIFIED, ver, PERFORMED, T0, None,
                        **kw) is None
    other = person("ver03", Role.VERIFIER, procedures=["ALARM-ACK"])
    result = check_signer(RecordType.CORRECTION, Meaning.VERIFIED, other, PERFORMED, T0, None,
                          **kw)
    assert result is not None and result.code is RefusalCode.QUALIFICATION_MISSING
    # correcting a comment needs the performer only
    result = check_signer(RecordType.CORRECTION, Meaning.VERIFIED, ver, PERFORMED, T0, None,
                          corrects_type=RecordType.COMMENT)
    assert result is not None and result.code is RefusalCode.MEANING_NOT_ALLOWED


def test_correction_without_original_type_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_signer(RecordType.CORRECTION, Meaning.PERFORMED, OPERATOR, [], T0, None)


def test_signatures_of_different_records_are_a_programming_error() -> None:
    mixed = [facts(Meaning.PERFORMED, OPERATOR), facts(Meaning.REVIEWED, QA1, record_id="rec-2")]
    with pytest.raises(ValueError, match="different records"):
        load_check(Meaning.VERIFIED, VERIFIER, mixed)


def test_naive_signing_time_is_refused() -> None:
    with pytest.raises(ValueError):
        load_check(Meaning.VERIFIED, VERIFIER, PERFORMED, at=datetime(2026, 11, 27))


def test_codes_accepted_for_type_and_meaning() -> None:
    assert check_signer("cassette_load", "verified", VERIFIER, PERFORMED, T0,  # type: ignore[arg-type]
                        "CASSETTE-LOAD") is None


# --- property: any spelling of the performer's ID is the same person

ASCII_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_."
PADDING = ["", " ", "\u3000", "\t", "\r\n"]


def fullwidth(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


@st.composite
def id_and_variant(draw: st.DrawFn) -> tuple[str, str]:
    base = draw(st.text(alphabet=ASCII_ID_CHARS, min_size=1, max_size=16))
    chars = [draw(st.sampled_from([c, c.upper(), fullwidth(c), fullwidth(c.upper())]))
             for c in base]
    return base, draw(st.sampled_from(PADDING)) + "".join(chars) + draw(st.sampled_from(PADDING))


@given(id_and_variant(), st.sampled_from(sorted(VERIFIED_TYPES)), st.booleans())
def test_any_spelling_of_the_performers_id_is_refused_as_verifier(
    pair: tuple[str, str], record_type: RecordType, variant_in_facts: bool
) -> None:
    base, variant = pair
    performer_id, verifier_id = (variant, base) if variant_in_facts else (base, variant)
    existing = [facts(Meaning.PERFORMED, performer_id)]
    verifier = person(verifier_id, Role.OPERATOR, Role.VERIFIER)
    result = check_signer(record_type, Meaning.VERIFIED, verifier, existing, T0,
                          procedure_of(record_type))
    assert result is not None
    assert result.code is RefusalCode.SAME_PERSON


@given(id_and_variant(), id_and_variant())
def test_different_people_may_verify(a: tuple[str, str], b: tuple[str, str]) -> None:
    """Different people: IDs that do not even look alike (look-alikes such as "0" and "o"
    are one person for the two-person rule, see test_identity_confusables)."""
    if skeleton(a[0]) == skeleton(b[0]):
        return
    existing = [facts(Meaning.PERFORMED, a[1])]
    verifier = person(b[1], Role.VERIFIER)
    assert load_check(Meaning.VERIFIED, verifier, existing) is None


@given(st.sampled_from(list(Meaning)), st.sampled_from(list(Meaning)),
       st.sampled_from(ORIGINAL_TYPES))
def test_one_person_holds_at_most_one_signature_per_record(
    first: Meaning, second: Meaning, record_type: RecordType
) -> None:
    everyone = person("all01", *Role)
    existing = [*prerequisites(record_type, first), facts(first, everyone)]
    existing = [s for s in existing if s.meaning is not first or s.signer_id == "all01"]
    result = check_signer(record_type, second, everyone, existing, T0,
                          procedure_of(record_type))
    assert result is not None  # never None: already signed, or same person, or not allowed


# ---------------------------------------------------------------- overdue verification


def test_overdue_for_verification() -> None:
    wait = timedelta(hours=2)
    assert not overdue_for_verification(T0, T0 + wait, wait)
    assert overdue_for_verification(T0, T0 + wait + timedelta(microseconds=1), wait)
    assert not overdue_for_verification(T0, T0 - timedelta(hours=5), wait)  # clock skew
    assert overdue_for_verification(T0, datetime(2026, 11, 27, 17, 0, tzinfo=JST), wait)
    assert overdue_for_verification(T0, T0 + timedelta(microseconds=1), timedelta(0))


def test_overdue_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        overdue_for_verification(T0, T0, timedelta(seconds=-1))
    with pytest.raises(ValueError):
        overdue_for_verification(datetime(2026, 11, 27), T0, timedelta(hours=1))
    with pytest.raises(ValueError):
        overdue_for_verification(T0, datetime(2026, 11, 27), timedelta(hours=1))


def test_policy_table_matches_signing_rules() -> None:
    for rt in ORIGINAL_TYPES:
        assert RECORD_POLICY[rt].requires_verification is (rt in VERIFIED_TYPES)
