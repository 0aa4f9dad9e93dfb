"""Run every benchmark in this folder and print one table; also writes ``RESULTS.md``.

Usage: ``.venv/bin/python benchmarks/run_all.py [--quick]``. Each ``bench_*.py`` module has
``run(**sizes) -> list[(name, value, unit)]`` and a ``QUICK`` dict of smaller sizes. Each runs
in a process of its own, so that no benchmark measures what an earlier one left behind
(threads still ending, garbage waiting for the collector).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
Row = tuple[str, float, str]


def load_modules() -> list[ModuleType]:
    modules = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(f"benchmarks.{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def _value(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.3g}" if value < 10 else f"{value:,.1f}"


def format_table(rows: list[Row]) -> str:
    width = max(len(name) for name, _, _ in rows)
    return "\n".join(f"{name:<{width}}  {_value(value):>12}  {unit}" for name, value, unit in rows)


def write_results(rows: list[Row], quick: bool, seconds: float, path: Path) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `benchmarks/run_all.py"
        f"{' --quick' if quick else ''}` in {seconds:.0f} s on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}.",
        "",
        "| measurement | value | unit |",
        "|---|---:|---|",
    ]
    lines += [f"| {name} | {_value(value)} | {unit} |" for name, value, unit in rows]
    lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


RESULT_MARK = "RESULT_ROWS "


def _run_alone(name: str, quick: bool) -> list[Row]:
    """One benchmark in a fresh interpreter; its rows (its other output goes to ours)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", name]
    done = subprocess.run(cmd + (["--quick"] if quick else []), stdout=subprocess.PIPE,
                          text=True, check=True, env=os.environ | {"PYTHONPATH": str(ROOT / "src")})
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return [(str(n), float(v), str(u)) for n, v, u in json.loads(line[len(RESULT_MARK):])]
        print(line)
    raise RuntimeError(f"{name} printed no results")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a quick look")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one, print JSON
    args = parser.parse_args(argv)
    if args.one:
        module = next(m for m in load_modules() if m.__name__.endswith(f".{args.one}"))
        sizes = getattr(module, "QUICK", {}) if args.quick else {}
        print(RESULT_MARK + json.dumps(module.run(**sizes)))
        return 0
    rows: list[Row] = []
    started = time.perf_counter()
    for path in sorted(HERE.glob("bench_*.py")):
        t0 = time.perf_counter()
        print(f"running {path.stem} ...", file=sys.stderr, flush=True)
        rows.extend(_run_alone(path.stem, args.quick))
        print(f"  done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    print(format_table(rows))
    write_results(rows, args.quick, seconds, args.out)
    print(f"\nwrote {args.out} ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
