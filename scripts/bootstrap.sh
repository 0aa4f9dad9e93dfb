#!/usr/bin/env bash
# Prepare everything the console needs on this machine, idempotently:
#   1. the Debian packages Qt and Japanese text need (installed when root with apt-get,
#      otherwise listed so the user can install them),
#   2. a virtual environment in .venv/ with the project and its development tools,
#   3. the compiled translations (.qm) from i18n/*.ts.
# Sourced by scripts/run-demo.sh and scripts/test.sh; safe to run again at any time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DEB_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  fonts-noto-cjk fonts-ipaexfont-gothic poppler-utils)
# fonts-ipaexfont-gothic: a TrueType-outline Japanese font the plant server's report PDF
# (reportlab) can embed; Noto Sans CJK has CFF outlines, which reportlab cannot embed.

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "bootstrap: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || true
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: these system packages are missing and could not be installed here" \
         "(need root and apt-get): ${missing[*]}" >&2
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv"
  "$PY" -m venv .venv
fi
STAMP=.venv/.installed-$(cat pyproject.toml packaging/domain/pyproject.toml \
  packaging/plant-server/pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$STAMP" ]; then
  echo "bootstrap: installing Python packages into .venv (first run takes a minute)"
  # pip's notes about this machine's unused local index folders are noise: filter them out,
  # but keep pip's own exit status.
  quiet() { "$@" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
            return "${PIPESTATUS[0]}"; }
  quiet .venv/bin/python -m pip install -q --upgrade pip
  # Three distributions from this one tree: the shared domain, the plant server and the
  # workstation (with the dev tools); editable, so the sources are used in place.
  quiet .venv/bin/python -m pip install -q -e packaging/domain -e packaging/plant-server \
    -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$STAMP"
fi

# Compile translations when a .ts is newer than its .qm.
for ts in i18n/*.ts; do
  [ -e "$ts" ] || continue
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
  fi
done
