"""The benchmarks still run (tiny sizes); they are not timed here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _modules() -> dict[str, Any]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run_all", ROOT / "benchmarks" /
                                                  "run_all.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {m.__name__.rsplit(".", 1)[-1]: m for m in module.load_modules()} | {
        "run_all": module}


def _check_rows(rows: list[tuple[str, float, str]]) -> None:
    assert rows
    for name, value, unit in rows:
        assert isinstance(name, str) and isinstance(unit, str)
        assert value > 0, name


def test_every_benchmark_module_is_found() -> None:
    mods = _modules()
    assert {"bench_signing", "bench_audit_verify", "bench_sync"} <= set(mods)
    for name, module in mods.items():
        if name != "run_all":
            assert callable(module.run) and isinstance(module.QUICK, dict)


def test_signing_benchmark_runs() -> None:
    _check_rows(_modules()["bench_signing"].run(n=2))


def test_audit_verify_benchmark_runs() -> None:
    _check_rows(_modules()["bench_audit_verify"].run(n=500))


def test_audit_seal_benchmark_runs() -> None:
    _check_rows(_modules()["bench_audit_seal"].run(n=300, appends=20))


def test_outbox_growth_benchmark_runs() -> None:
    _check_rows(_modules()["bench_outbox_growth"].run(sizes=(120,), backlog=40, repeat=1))


def test_server_growth_benchmark_runs() -> None:
    from tests.pg import postgres_url_or_skip

    postgres_url_or_skip()
    rows = _modules()["bench_server_growth"].run(history=600, backlog=120)
    _check_rows(rows)
    assert any("grown to" in name for name, _value, _unit in rows)


def test_sync_benchmark_runs() -> None:
    _check_rows(_modules()["bench_sync"].run(n=80, n_single=8, postgres=False))


def test_results_table_is_written(tmp_path: Path) -> None:
    run_all = _modules()["run_all"]
    rows = [("x: a", 1.5, "ms"), ("x: b", 12345.0, "entries/s")]
    out = tmp_path / "RESULTS.md"
    run_all.write_results(rows, True, 1.0, out)
    text = out.read_text(encoding="utf-8")
    assert "| x: b | 12,345 | entries/s |" in text
    assert "x: a" in run_all.format_table(rows)


def test_traces_benchmark_runs() -> None:
    _check_rows(_modules()["bench_traces"].run(frames=3, channel_counts=(2,), history_s=60.0))


def test_memory_benchmark_runs() -> None:
    rows = _modules()["bench_memory"].run(seconds=1.0, rss_channels=1, prefill_h=0.5)
    assert rows[0][0].startswith("memory: trace history per channel-day") and rows[0][1] > 0
    assert any(name.startswith("memory: console RSS at") for name, _v, _u in rows)
    # RSS differences over so short a run can be anything, even negative: not checked.


def test_ui_stall_benchmark_runs() -> None:
    _check_rows(_modules()["bench_ui_stall"].run(seconds=0.5, idle_seconds=0.2, channels=4))


def test_opcua_benchmark_runs() -> None:
    _check_rows(_modules()["bench_opcua"].run(seconds=0.5, rate_hz=50.0, warmup_s=0.3))


def test_run_all_runs_a_benchmark_in_a_process_of_its_own() -> None:
    """run_all's own path: a fresh interpreter per benchmark, rows handed back as JSON."""
    rows = _modules()["run_all"]._run_alone("bench_audit_verify", quick=True)
    _check_rows(rows)
    assert any("verify" in name for name, _value, _unit in rows)


@pytest.mark.slow
def test_load_benchmark_sheds_load_without_failing() -> None:
    """Six stations at once against server processes that take one request each: some are
    told to come back (503 + Retry-After), none fails, every entry is stored exactly once
    (the benchmark itself checks that and raises otherwise)."""
    from tests.pg import postgres_url_or_skip

    postgres_url_or_skip()
    rows = {name: value for name, value, _unit in _modules()["bench_load"].run(
        counts=(1, 6), entries=300, workers=2, max_in_flight=1)}
    assert rows["load   6 stations: failed requests (5xx, resets)"] == 0
    assert rows["load   6 stations: busy answers (503 + Retry-After)"] > 0
    assert rows["load   6 stations x 300: entries/s"] > 0


def test_review_benchmark_runs() -> None:
    _check_rows(_modules()["bench_review"].run(n=200))


def test_report_benchmark_runs() -> None:
    _check_rows(_modules()["bench_report"].run(n=700))
