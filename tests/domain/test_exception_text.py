"""An exception's sentence is made when it is shown, in the reader's language, from its kind
and evidence (the stored record holds codes only); an old record whose evidence lacks what the
sentence needs still reads sensibly, and a manual one reads as the person wrote it."""

from __future__ import annotations

import re

import pytest

from operator_console.domain.batch_execution.exception_text import (
    GENERAL,
    REASONS,
    SENTENCES,
    exception_text,
)
from operator_console.domain.batch_execution.exceptions import (
    ExceptionDraft,
    ExceptionKind,
    exception_content,
    manual_exception,
    raise_exception,
)
from operator_console.domain.chain_of_identity import MESSAGES as CHECK_MESSAGES
from operator_console.domain.records import InvalidRecordError

NAMES = {"VCD": "生細胞密度", "do": "溶存酸素"}


def label(code: str) -> str | None:
    return NAMES.get(code)


def test_every_kind_has_a_sentence_and_a_general_one_in_both_languages() -> None:
    for table in (SENTENCES, GENERAL):
        assert set(table) == set(ExceptionKind)
        for en, ja in table.values():
            assert en.strip() and ja.strip()
    for _en, ja in GENERAL.values():
        assert not re.search(r"[A-Za-z]{3,}", ja.replace("QA", "")), ja


def test_every_check_code_a_scan_can_be_refused_with_reads_as_a_reason() -> None:
    verdict_codes = {"reagent_wrong_material", "reagent_no_lot", "reagent_no_expiry",
                     "reagent_expired", "sample_id_mismatch", "sample_other_patient"}
    assert set(CHECK_MESSAGES) | verdict_codes <= set(REASONS)
    for en, ja in REASONS.values():
        assert en and ja and not re.search(r"[A-Za-z]{4,}", ja), ja


def test_a_value_outside_its_limits_reads_with_the_recipes_field_name() -> None:
    ev = {"field": "VCD", "value": 6.4, "unit": "×10⁶ cells/mL",
          "limits": {"low": 0.5, "high": 6.0}}
    ja = exception_text("out_of_limits", ev, "ja", label=label)
    assert ja == "生細胞密度：6.4 ×10⁶ cells/mL（管理範囲 0.5–6 ×10⁶ cells/mL の範囲外）。"
    en = exception_text("out_of_limits", ev, "en", label=lambda c: "Viable cell density")
    assert en == "Viable cell density: 6.4 ×10⁶ cells/mL, outside the limits 0.5–6 ×10⁶ cells/mL."
    assert exception_text("out_of_limits", ev, "en").startswith("VCD: 6.4")  # no name known


def test_a_refused_scan_says_why_and_what_was_scanned() -> None:
    ev = {"code": "din_not_for_patient", "scan": "=W1234 26 123456 8\x1d", "typed": False}
    ja = exception_text("wrong_patient", ev, "ja")
    assert "このバッチの患者のものではありません" in ja and "=W1234 26 123456 8" in ja
    assert "\x1d" not in ja and ja.endswith("。")
    en = exception_text("wrong_patient", ev, "en")
    assert en.startswith("Material of another patient refused: the bag's DIN does not belong")
    # a label parser's own code: the label could not be read
    assert "ラベルを正しく読み取れませんでした" in exception_text(
        "refused_scan", {"code": "unknown_symbology", "scan": "x"}, "ja")


@pytest.mark.parametrize("evidence, ja", [
    ({"sample_id": "CH1-IPC-D7", "typed": True}, "サンプルID CH1-IPC-D7 をスキャンせずに手入力。"),
    ({"lot": "R1", "expiry": "2027-03-31", "typed": True, "material": "ACT"},
     "活性化試薬：ロット R1、使用期限 2027-03-31 をスキャンせずに手入力。"),
    ({"lot": "R1", "expiry": "2027-03-31", "typed": True, "material": "ACT",
      "code": "typed_not_allowed"},
     "活性化試薬：ロット R1、使用期限 2027-03-31 をスキャンせずに手入力。"
     "手入力は許可されていないため受け付けませんでした。"),
])
def test_typed_entries(evidence: dict[str, object], ja: str) -> None:
    assert exception_text("typed_entry", evidence, "ja",  # type: ignore[arg-type]
                          label={"ACT": "活性化試薬"}.get) == ja


def test_phase_exceptions_name_the_channel() -> None:
    alarm = {"channel": "do", "raised_at": 1.0, "cleared_at": 2.0, "value": 25.0,
             "limit": "low"}
    assert exception_text("phase_alarm", alarm, "ja", channel=label) == (
        "装置フェーズ中に溶存酸素のアラームが発生しました。値は25（下限を逸脱）。")
    assert exception_text("missing_data", {"channel": "do"}, "en") == (
        "No good value of do was recorded during the instrument phase.")
    cpp = {"channel": "do", "min": 20.0, "max": 50.0, "limits": {"low": 30, "high": 60}}
    assert "最小 20、最大 50、管理範囲 30–60" in exception_text("cpp_excursion", cpp, "ja")


def test_old_records_without_their_parameters_read_as_their_kind() -> None:
    old = "VCD 6.4 above its high limit 6.0"  # stored before exceptions went codes-only
    assert exception_text("out_of_limits", {"field": "VCD", "value": 6.4, "high": 6.0},
                          "en", description=old) == old
    assert exception_text("out_of_limits", {"field": "VCD"}, "ja",
                          description=old) == "管理範囲外の値が記録されました。"
    assert exception_text("offline_signature", {}, "ja").startswith("オフラインで署名")
    assert exception_text("no_such_kind", {}, "ja", description="x") == "x"


def test_manual_exceptions_are_the_persons_words_and_automatic_ones_hold_no_text() -> None:
    draft = manual_exception("扉が開いていた", "major", "S1")  # type: ignore[arg-type]
    assert exception_content(draft, None)["description"] == "扉が開いていた"
    assert exception_text("manual", {}, "en", description="扉が開いていた") == "扉が開いていた"
    auto = raise_exception(ExceptionKind.CORRECTION, corrects="r1", reason="misread")
    content = exception_content(auto, None)
    assert "description" not in content and content["evidence"] == {
        "corrects": "r1", "reason": "misread"}
    assert exception_text("correction", content["evidence"], "ja") == (  # type: ignore[arg-type]
        "工程の記録が訂正されました。訂正理由：misread")
    with pytest.raises(InvalidRecordError):
        ExceptionDraft(ExceptionKind.OUT_OF_LIMITS, "major", "English text")  # type: ignore[arg-type]
    with pytest.raises(InvalidRecordError):
        manual_exception("  ", "major")  # type: ignore[arg-type]
