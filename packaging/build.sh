#!/usr/bin/env bash
# Build the workstation bundle: a one-folder PyInstaller build of the Operator Console.
#
#   bash packaging/build.sh            ->  dist/operator-console/operator-console
#
# It runs scripts/bootstrap.sh first (system packages incl. fonts-noto-cjk, .venv with the dev
# tools incl. PyInstaller, compiled .qm translations), then PyInstaller with
# packaging/operator-console.spec, then the bundle's own self-test. Copy the whole
# dist/operator-console/ folder to the workstation; it needs no Python there.
#
# Environment: DIST_DIR (default dist), BUILD_DIR (default build/pyinstaller),
# SKIP_SELF_TEST=1 to skip the final check, OPERATOR_CONSOLE_FONT(_LICENSE) to bundle another
# Japanese font (see the spec).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIST_DIR="${DIST_DIR:-$ROOT/dist}"
BUILD_DIR="${BUILD_DIR:-$ROOT/build/pyinstaller}"

bash scripts/bootstrap.sh
if [ ! -x .venv/bin/pyinstaller ]; then
  echo "build: PyInstaller is missing from .venv (it is in the dev extra): " \
       ".venv/bin/python -m pip install -e '.[dev]'" >&2
  exit 1
fi

started=$SECONDS
.venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath "$DIST_DIR" --workpath "$BUILD_DIR" packaging/operator-console.spec
bundle="$DIST_DIR/operator-console"
echo "build: $bundle ($(du -sh "$bundle" | cut -f1)) in $((SECONDS - started)) s"

if [ "${SKIP_SELF_TEST:-0}" != 1 ]; then
  "$bundle/operator-console" self-test
fi
