#!/usr/bin/env bash
# Refresh i18n/*.ts from the sources (lupdate), keeping existing translations.
# After running it, translate every new "unfinished" message (Qt Linguist or by editing the
# .ts) — the test suite fails while any message is unfinished.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mapfile -t SOURCES < <(find src/operator_console -name '*.py' | sort)
.venv/bin/pyside6-lupdate -no-obsolete -locations none "${SOURCES[@]}" -ts i18n/operator_console_ja.ts
