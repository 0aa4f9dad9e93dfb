#!/usr/bin/env bash
# The test command: set up what is missing, then lint, type-check and run the whole suite.
# Pass pytest arguments through, e.g. scripts/test.sh -m "not slow" (or -n 0 for one process).
# The tests run in one process more than there are cores (many wait on servers and child
# processes), each test file in one process (--dist loadfile).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
LINT_DIRS=(src tests)
[ -d benchmarks ] && LINT_DIRS+=(benchmarks)
echo "== ruff"; .venv/bin/ruff check --no-cache "${LINT_DIRS[@]}"
echo "== mypy"; .venv/bin/mypy
echo "== import contracts"; .venv/bin/lint-imports
echo "== pytest"; .venv/bin/python -m pytest -n "$(( $(nproc) + 1 ))" --dist loadfile "$@"
