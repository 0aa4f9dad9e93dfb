"""Record types, their signing policy, drafts, the hashed record content and stored times."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_console.domain.canonical import content_hash
from operator_console.domain.manifestation import format_utc_iso, parse_utc_iso, to_utc
from operator_console.domain.people import Role
from operator_console.domain.records import (
    RECORD_POLICY,
    RECORD_SCHEMA,
    InvalidRecordError,
    Meaning,
    RecordDraft,
    RecordPolicy,
    RecordStatus,
    RecordType,
    policy_for,
    readable_lines,
    record_content,
    record_hash,
)

JST = timezone(timedelta(hours=9), "JST")
T0 = datetime(2026, 11, 27, 5, 4, 3, 123456, tzinfo=UTC)
HEADER: dict[str, Any] = {
    "record_id": "0b7c8e2a-6a3e-4f6e-9d7a-1f2e3d4c5b6a",
    "created_by": "op01",
    "created_at": T0,
    "station": "ST-01",
}
LOAD_CONTENT: dict[str, Any] = {
    "bay": 2,
    "cassette": {"gtin": "04912345678904", "lot": "L2311", "serial": "S0001",
                 "expiry": "2027-03-31"},
    "bag": {"din": "W1234 26 123456 7", "product_code": "E7644V00"},
    "operator_note": "山田 花子",
}

# ---------------------------------------------------------------- enums and policy table


def test_enum_codes_are_stable() -> None:
    assert [t.value for t in RecordType] == [
        "cassette_load", "cassette_unload", "alarm_ack", "comment", "step_completion",
        "correction", "step_record", "exception", "exception_disposition",
    ]
    assert [m.value for m in Meaning] == ["performed", "verified", "reviewed", "approved"]
    assert [s.value for s in RecordStatus] == [
        "awaiting_signature", "awaiting_verification", "complete", "corrected",
    ]


EXPECTED_POLICY = {
    # type: (requires_signature, requires_verification, procedure)
    RecordType.CASSETTE_LOAD: (True, True, "CASSETTE-LOAD"),
    RecordType.CASSETTE_UNLOAD: (True, True, "CASSETTE-UNLOAD"),
    RecordType.ALARM_ACK: (True, False, "ALARM-ACK"),
    RecordType.COMMENT: (True, False, None),
    RecordType.STEP_COMPLETION: (True, True, "STEP-COMPLETE"),
    RecordType.CORRECTION: (True, True, None),
    RecordType.STEP_RECORD: (True, True, "STEP-COMPLETE"),  # without content: conservative
    RecordType.EXCEPTION: (False, False, None),
    RecordType.EXCEPTION_DISPOSITION: (True, False, None),
}


def test_every_record_type_has_a_policy() -> None:
    assert set(RECORD_POLICY) == set(RecordType)


@pytest.mark.parametrize("record_type", list(RecordType))
def test_policy_table(record_type: RecordType) -> None:
    policy = RECORD_POLICY[record_type]
    assert (policy.requires_signature, policy.requires_verification, policy.procedure) == (
        EXPECTED_POLICY[record_type]
    )


def test_performer_roles() -> None:
    anyone = {Role.OPERATOR, Role.VERIFIER, Role.QA}
    assert RECORD_POLICY[RecordType.COMMENT].performer_roles == anyone
    assert RECORD_POLICY[RecordType.EXCEPTION].performer_roles == anyone
    assert RECORD_POLICY[RecordType.EXCEPTION_DISPOSITION].performer_roles == {Role.QA}
    for rt in RecordType:
        assert Role.ADMINISTRATOR not in RECORD_POLICY[rt].performer_roles
        if rt not in (RecordType.COMMENT, RecordType.EXCEPTION,
                      RecordType.EXCEPTION_DISPOSITION):
            assert RECORD_POLICY[rt].performer_roles == {Role.OPERATOR}


def step_content(policy: str, qualification: str | None) -> dict[str, Any]:
    return {"recipe": {"id": "R", "version": 1, "hash": "0" * 64}, "step": "S1",
            "signature": {"policy": policy, "qualification": qualification}}


def test_a_step_record_follows_the_policy_its_content_states() -> None:
    performer = policy_for(RecordType.STEP_RECORD, content=step_content("performer", None))
    assert (performer.requires_signature, performer.requires_verification,
            performer.procedure) == (True, False, None)
    two = policy_for(RecordType.STEP_RECORD, content=step_content("two_person", "Q-1"))
    assert (two.requires_verification, two.procedure) == (True, "Q-1")
    # A correction of a step record follows the corrected content's policy.
    assert policy_for(RecordType.CORRECTION, RecordType.STEP_RECORD,
                      content=step_content("performer", "Q-2")).procedure == "Q-2"
    # Other types ignore content.
    assert policy_for(RecordType.COMMENT, content=step_content("two_person", "Q")) == \
        RECORD_POLICY[RecordType.COMMENT]


@pytest.mark.parametrize("content", [
    {"step": "S1"}, step_content("anyone", None), step_content("two_person", None),
    step_content("performer", " "),
])
def test_a_step_record_without_a_readable_policy_is_refused(content: dict[str, Any]) -> None:
    with pytest.raises(InvalidRecordError):
        RecordDraft(RecordType.STEP_RECORD, "B-1", content)
    RecordDraft(RecordType.STEP_RECORD, "B-1", step_content("performer", None))


ORIGINAL_TYPES = [t for t in RecordType if t is not RecordType.CORRECTION]


@pytest.mark.parametrize("record_type", list(RecordType))
@pytest.mark.parametrize("meaning", list(Meaning))
def test_allowed_meanings_for_every_type_and_meaning(
    record_type: RecordType, meaning: Meaning
) -> None:
    policy = RECORD_POLICY[record_type]
    expected = meaning is not Meaning.VERIFIED or EXPECTED_POLICY[record_type][1]
    assert (meaning in policy.allowed_meanings) is expected


@pytest.mark.parametrize("original", ORIGINAL_TYPES)
def test_correction_takes_the_policy_of_the_original(original: RecordType) -> None:
    assert policy_for(RecordType.CORRECTION, original) == RECORD_POLICY[original]
    assert policy_for(original) == RECORD_POLICY[original]
    # the original's type is ignored for non-corrections
    assert policy_for(original, RecordType.COMMENT) == RECORD_POLICY[original]


def test_two_person_rule_for_corrections() -> None:
    for original in (RecordType.CASSETTE_LOAD, RecordType.CASSETTE_UNLOAD,
                     RecordType.STEP_COMPLETION):
        assert policy_for(RecordType.CORRECTION, original).requires_verification
    for original in (RecordType.COMMENT, RecordType.ALARM_ACK):
        assert not policy_for(RecordType.CORRECTION, original).requires_verification


def test_correction_policy_needs_a_non_correction_original() -> None:
    with pytest.raises(ValueError, match="original"):
        policy_for(RecordType.CORRECTION)
    with pytest.raises(ValueError, match="original"):
        policy_for(RecordType.CORRECTION, RecordType.CORRECTION)


def test_policy_for_accepts_codes() -> None:
    assert policy_for("correction", "comment") == RECORD_POLICY[RecordType.COMMENT]  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        policy_for("cassette_swap")  # type: ignore[arg-type]


def test_policy_is_frozen() -> None:
    policy = RecordPolicy(True, True, "X")
    with pytest.raises(AttributeError):
        policy.procedure = "Y"  # type: ignore[misc]


# ---------------------------------------------------------------- drafts


def load_draft(**changes: Any) -> RecordDraft:
    fields: dict[str, Any] = {
        "record_type": RecordType.CASSETTE_LOAD, "batch_id": "B-2026-0042",
        "content": LOAD_CONTENT,
    }
    fields.update(changes)
    return RecordDraft(**fields)


def correction_draft(**changes: Any) -> RecordDraft:
    fields: dict[str, Any] = {
        "record_type": RecordType.CORRECTION, "batch_id": "B-2026-0042",
        "content": {**LOAD_CONTENT, "bay": 3}, "corrects": "rec-1",
        "reason": "wrong bay entered",
    }
    fields.update(changes)
    return RecordDraft(**fields)


@pytest.mark.parametrize("record_type", ORIGINAL_TYPES)
def test_plain_records_are_valid_without_reference(record_type: RecordType) -> None:
    content: dict[str, Any] = {"text": "ok"}
    if record_type is RecordType.STEP_RECORD:
        content["signature"] = {"policy": "performer", "qualification": None}
    draft = RecordDraft(record_type, "B1", content)
    assert draft.record_type is record_type
    assert draft.corrects is None and draft.reason is None


@pytest.mark.parametrize("record_type", ORIGINAL_TYPES)
@pytest.mark.parametrize(
    "extra", [{"corrects": "rec-1"}, {"reason": "because"}, {"reason": ""},
              {"corrects": "rec-1", "reason": "because"}],
)
def test_plain_records_may_not_reference_or_give_reason(
    record_type: RecordType, extra: dict[str, str]
) -> None:
    with pytest.raises(InvalidRecordError, match="only a correction"):
        RecordDraft(record_type, "B1", {"text": "ok"}, **extra)


def test_valid_correction() -> None:
    draft = correction_draft()
    assert draft.corrects == "rec-1"
    assert draft.reason == "wrong bay entered"


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"corrects": None}, "name the record"),
        ({"corrects": ""}, "name the record"),
        ({"corrects": "  "}, "name the record"),
        ({"reason": None}, "reason"),
        ({"reason": ""}, "reason"),
        ({"reason": " \u3000\n"}, "reason"),
    ],
)
def test_correction_needs_reference_and_reason(changes: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidRecordError, match=match):
        correction_draft(**changes)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"batch_id": ""}, "batch"),
        ({"batch_id": "  "}, "batch"),
        ({"record_type": "cassette_swap"}, "unknown record type"),
        ({"content": ["not", "an", "object"]}, "JSON object"),
        ({"content": {"x": float("nan")}}, "canonical"),
        ({"content": {"x": float("inf")}}, "canonical"),
        ({"content": {"x": {1, 2}}}, "canonical"),
        ({"content": {1: "x"}}, "canonical"),
        ({"content": {"x": 2**60}}, "canonical"),
        ({"content": {"x": b"bytes"}}, "canonical"),
        ({"content": {"ガ": 1, "カ\u3099": 2}}, "canonical"),  # same key after NFC
    ],
)
def test_invalid_drafts(changes: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidRecordError, match=match):
        load_draft(**changes)


def test_invalid_record_is_a_value_error() -> None:
    assert issubclass(InvalidRecordError, ValueError)


def test_record_type_code_is_coerced() -> None:
    assert load_draft(record_type="comment").record_type is RecordType.COMMENT


def test_draft_is_frozen_and_detached_from_the_callers_dict() -> None:
    content: dict[str, Any] = {"a": [1, 2], "b": {"c": "d"}}
    draft = RecordDraft(RecordType.COMMENT, "B1", content)
    before = record_hash(draft, **HEADER)
    content["a"].append(3)
    content["b"]["c"] = "changed"
    content["new"] = True
    assert record_hash(draft, **HEADER) == before
    with pytest.raises(TypeError):
        draft.content["a"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        draft.batch_id = "B2"  # type: ignore[misc]


# ---------------------------------------------------------------- hashed content


def test_record_content_layout() -> None:
    obj = record_content(load_draft(), **HEADER)
    assert obj == {
        "schema": RECORD_SCHEMA,
        "record_id": HEADER["record_id"],
        "type": "cassette_load",
        "batch": "B-2026-0042",
        "content": LOAD_CONTENT,
        "corrects": None,
        "reason": None,
        "created_by": "op01",
        "created_at": "2026-11-27T05:04:03.123456Z",
        "station": "ST-01",
    }


def test_correction_content_carries_reference_and_reason() -> None:
    obj = record_content(correction_draft(), **HEADER)
    assert obj["type"] == "correction"
    assert obj["corrects"] == "rec-1"
    assert obj["reason"] == "wrong bay entered"
    assert obj["content"]["bay"] == 3


def test_record_content_is_plain_json_and_round_trips_to_the_same_hash() -> None:
    draft = load_draft()
    obj = record_content(draft, **HEADER)
    text = json.dumps(obj, ensure_ascii=False)  # no MappingProxy / tuple left over
    assert content_hash(json.loads(text)) == record_hash(draft, **HEADER)
    assert content_hash(obj) == record_hash(draft, **HEADER)


def test_creator_is_normalised_and_time_converted_to_utc() -> None:
    a = record_hash(load_draft(), **HEADER)
    b = record_hash(load_draft(), **{**HEADER, "created_by": "ＯＰ０１",
                                     "created_at": T0.astimezone(JST)})
    assert a == b
    assert record_content(load_draft(), **{**HEADER, "created_by": " OP01 "})["created_by"] == (
        "op01"
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"record_id": ""}, InvalidRecordError),
        ({"station": " "}, InvalidRecordError),
        ({"created_by": "op 01"}, ValueError),
        ({"created_at": datetime(2026, 11, 27, 5, 0)}, ValueError),  # naive
    ],
)
def test_record_header_is_validated(changes: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        record_content(load_draft(), **{**HEADER, **changes})


def test_strings_are_stored_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "ガ 山田 花子")
    obj = record_content(RecordDraft(RecordType.COMMENT, "B1", {nfd: nfd}), **HEADER)
    nfc = unicodedata.normalize("NFC", "ガ 山田 花子")
    assert obj["content"] == {nfc: nfc}


# One alternative value for every hashed field, to show each one is bound by the hash.
FIELD_CHANGES: list[tuple[str, dict[str, Any]]] = [
    ("record_id", {"header": {"record_id": "another-id"}}),
    ("created_by", {"header": {"created_by": "op02"}}),
    ("created_at", {"header": {"created_at": T0 + timedelta(microseconds=1)}}),
    ("station", {"header": {"station": "ST-02"}}),
    ("type", {"draft": {"record_type": RecordType.CASSETTE_UNLOAD}}),
    ("batch", {"draft": {"batch_id": "B-2026-0043"}}),
    ("content.bay", {"draft": {"content": {**LOAD_CONTENT, "bay": 3}}}),
    ("content.bay type", {"draft": {"content": {**LOAD_CONTENT, "bay": "2"}}}),
    ("content.extra", {"draft": {"content": {**LOAD_CONTENT, "extra": None}}}),
    ("content.nested", {"draft": {"content": {**LOAD_CONTENT, "bag": {"din": "X"}}}}),
]


@pytest.mark.parametrize(("field", "change"), FIELD_CHANGES, ids=[f for f, _ in FIELD_CHANGES])
def test_every_hashed_field_changes_the_hash(field: str, change: dict[str, Any]) -> None:
    base = record_hash(load_draft(), **HEADER)
    changed = record_hash(load_draft(**change.get("draft", {})),
                          **{**HEADER, **change.get("header", {})})
    assert changed != base, field


def test_correction_reason_and_reference_are_bound() -> None:
    base = record_hash(correction_draft(), **HEADER)
    assert record_hash(correction_draft(reason="typo in bay"), **HEADER) != base
    assert record_hash(correction_draft(corrects="rec-2"), **HEADER) != base


json_scalars = (
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=10)
)
json_values = st.recursive(
    json_scalars,
    lambda kids: (
        st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3)
    ),
    max_leaves=10,
)
json_objects = st.dictionaries(
    st.text(max_size=6).map(lambda s: unicodedata.normalize("NFC", s)), json_values, max_size=6
)


def reverse_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: reverse_keys(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [reverse_keys(v) for v in value]
    return value


@given(json_objects)
def test_hash_is_stable_under_key_order(content: dict[str, Any]) -> None:
    a = record_hash(RecordDraft(RecordType.COMMENT, "B1", content), **HEADER)
    b = record_hash(RecordDraft(RecordType.COMMENT, "B1", reverse_keys(content)), **HEADER)
    assert a == b


@given(json_objects, st.text(min_size=1, max_size=6), json_values)
def test_changing_or_adding_any_content_field_changes_the_hash(
    content: dict[str, Any], key: str, value: Any
) -> None:
    key = unicodedata.normalize("NFC", key)
    old = content.get(key, object())
    if old == value and type(old) is type(value):
        return
    if isinstance(old, (int, float)) and isinstance(value, (int, float)) and old == value:
        return  # 1 and 1.0 are the same JSON number by design (RFC 8785)
    changed = {**content, key: value}
    a = record_hash(RecordDraft(RecordType.COMMENT, "B1", content), **HEADER)
    b = record_hash(RecordDraft(RecordType.COMMENT, "B1", changed), **HEADER)
    assert a != b


@given(st.lists(st.sampled_from(["山田 花子", "ガ", "ギョーザ", "パン", "é", "Å"]), min_size=1,
                max_size=4), st.sampled_from(["NFC", "NFD"]), st.sampled_from(["NFC", "NFD"]))
def test_hash_is_stable_under_nfc_nfd(words: list[str], form_a: str, form_b: str) -> None:
    text = " ".join(words)

    def draft(form: str) -> RecordDraft:
        t = unicodedata.normalize(form, text)  # type: ignore[arg-type]
        return RecordDraft(RecordType.COMMENT, unicodedata.normalize(form, "バッチ1"),  # type: ignore[arg-type]
                           {"name": t, t: [t]})

    assert record_hash(draft(form_a), **HEADER) == record_hash(draft(form_b), **HEADER)


def test_nfc_and_nfd_katakana_ga_hash_alike_but_half_width_does_not() -> None:
    def h(text: str) -> str:
        return record_hash(RecordDraft(RecordType.COMMENT, "B1", {"text": text}), **HEADER)

    assert unicodedata.normalize("NFD", "ガ") == "カ\u3099"  # two code points, one letter
    assert h("ガ") == h("カ\u3099")
    assert h("山田 花子") == h(unicodedata.normalize("NFD", "山田 花子"))
    # half-width ｶﾞ is a different text (NFKC, not NFC, would merge it): a different hash
    assert h("ｶﾞ") != h("ガ")


# ---------------------------------------------------------------- readable lines


def test_readable_lines_flatten_in_canonical_order() -> None:
    lines = readable_lines({
        "z": "last", "bay": 2, "cassette": {"lot": "L1", "gtin": "049"},
        "flags": [True, None], "ratio": 1.0, "big": 1e21, "small": 1e-7,
        "empty_obj": {}, "empty_list": [], "name": "山田 花子",
    })
    assert lines == [
        ("bay", "2"),
        ("big", "1e+21"),
        ("cassette.gtin", "049"),
        ("cassette.lot", "L1"),
        ("empty_list", "[]"),
        ("empty_obj", "{}"),
        ("flags[0]", "true"),
        ("flags[1]", "null"),
        ("name", "山田 花子"),
        ("ratio", "1"),
        ("small", "1e-7"),
        ("z", "last"),
    ]


def test_readable_lines_quote_ambiguous_keys() -> None:
    dotted = readable_lines({"a.b": 1, "a": {"b": 2}, "": {}, "q[0]": [], 'x"y': "z"})
    assert dotted == [
        ('[""]', "{}"),
        ("a.b", "2"),
        ('["a.b"]', "1"),
        ('["q[0]"]', "[]"),
        ('["x\\"y"]', "z"),
    ]


def test_readable_lines_of_empty_content() -> None:
    assert readable_lines({}) == []


def test_readable_lines_show_nfc_text() -> None:
    nfd = unicodedata.normalize("NFD", "ガ")
    assert readable_lines({nfd: nfd}) == [("ガ", "ガ")]


def test_readable_lines_of_full_record_show_who_and_when() -> None:
    lines = dict(readable_lines(record_content(load_draft(), **HEADER)))
    assert lines["created_by"] == "op01"
    assert lines["created_at"] == "2026-11-27T05:04:03.123456Z"
    assert lines["content.cassette.lot"] == "L2311"
    assert lines["corrects"] == "null"
    assert lines["schema"] == str(RECORD_SCHEMA)


@given(json_objects)
def test_readable_lines_are_order_independent_and_cover_every_leaf(content: dict[str, Any]) -> None:
    assert readable_lines(content) == readable_lines(reverse_keys(content))
    keys = [k for k, _ in readable_lines(content)]
    assert len(keys) >= len(content)
    assert len(keys) == len(set(keys))  # every line names one place in the content


# ---------------------------------------------------------------- stored times


@pytest.mark.parametrize(
    ("dt", "text"),
    [
        (T0, "2026-11-27T05:04:03.123456Z"),
        (datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "2026-01-02T03:04:05.000000Z"),
        (datetime(2026, 11, 27, 9, 0, tzinfo=JST), "2026-11-27T00:00:00.000000Z"),
        (datetime(2026, 1, 1, 8, 59, 59, 999999, tzinfo=JST), "2025-12-31T23:59:59.999999Z"),
        (datetime(999, 1, 1, tzinfo=UTC), "0999-01-01T00:00:00.000000Z"),
    ],
)
def test_format_utc_iso(dt: datetime, text: str) -> None:
    assert format_utc_iso(dt) == text
    assert parse_utc_iso(text) == dt
    assert parse_utc_iso(text).tzinfo is UTC


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_utc_iso(datetime(2026, 11, 27, 5, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        to_utc(datetime(2026, 11, 27, 5, 0), "created_at")


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-27T05:04:03Z",
        "2026-11-27T05:04:03.123Z",
        "2026-11-27T05:04:03.123456+00:00",
        "2026-11-27T05:04:03.123456",
        "2026-11-27 05:04:03.123456Z",
        " 2026-11-27T05:04:03.123456Z",
        "2026-11-27T05:04:03.123456Z\n",
        "2026-11-27t05:04:03.123456z",
        "2026-13-27T05:04:03.123456Z",  # month 13
        "2026-02-30T05:04:03.123456Z",
        "２０２６-11-27T05:04:03.123456Z",  # full-width digits match \d but are refused
        "",
    ],
)
def test_parse_refuses_other_spellings(text: str) -> None:
    with pytest.raises(ValueError):
        parse_utc_iso(text)


@given(st.datetimes(timezones=st.timezones()))
def test_stored_time_round_trips(dt: datetime) -> None:
    try:
        text = format_utc_iso(dt)
    except OverflowError:
        return  # a local time so close to year 1 or 9999 that UTC is out of range
    assert len(text) == 27
    # compare in UTC: aware times in a DST gap/fold never equal another zone's (PEP 495)
    assert parse_utc_iso(text) == to_utc(dt)
    assert format_utc_iso(parse_utc_iso(text)) == text

