#!/usr/bin/env bash
# Create .venv inside the repo and install the pinned requirements plus coursekit (editable).
# Usage: scripts/setup-env.sh [book|test]. Idempotent: with unchanged requirements it installs nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=${1:-book}
[ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
want=$(cat requirements.txt requirements-test.txt pyproject.toml | sha256sum | cut -d' ' -f1)
[ "$(cat ".venv/.installed-$mode" 2>/dev/null)" = "$want" ] && exit 0
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" -r requirements.txt
[ "$mode" = test ] && "${pip[@]}" -r requirements-test.txt
"${pip[@]}" --no-deps -e .
echo "$want" > ".venv/.installed-$mode"
[ "$mode" = test ] && echo "$want" > .venv/.installed-book
exit 0
