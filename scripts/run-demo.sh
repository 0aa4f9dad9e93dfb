#!/usr/bin/env bash
# The run command: set up what is missing, then start the console in demo mode
# (embedded demo data, instrument simulator). Extra arguments go to operator-console.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
exec "$ROOT/.venv/bin/operator-console" --demo "$@"
