"""Run every benchmark in this folder and print one table; also writes ``RESULTS.md``.

Usage: ``.venv/bin/python benchmarks/run_all.py [--quick]``. Each ``bench_*.py`` module has
``run(**sizes) -> list[(name, value, unit)]`` and a ``QUICK`` dict of smaller sizes.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a quick look")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    started = time.perf_counter()
    for module in load_modules():
        sizes = getattr(module, "QUICK", {}) if args.quick else {}
        t0 = time.perf_counter()
        print(f"running {module.__name__.split('.')[-1]} ...", file=sys.stderr, flush=True)
        rows.extend(module.run(**sizes))
        print(f"  done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    print(format_table(rows))
    write_results(rows, args.quick, seconds, args.out)
    print(f"\nwrote {args.out} ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
