#!/usr/bin/env bash
# Create the repo's virtual environments and install pinned requirements. Idempotent: with unchanged
# requirements it installs nothing.
#   scripts/setup-env.sh book   .venv: the book's build environment plus coursekit (editable)
#   scripts/setup-env.sh test   .venv: the above plus the test tools
#   scripts/setup-env.sh lab    .venv-lab: a JupyterLab server for the live test, kept apart so that its
#                               extra packages (jsonschema's format validators, 1.4 s of grammar
#                               compiling at import) never slow the book build; kernels run in .venv
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=${1:-book}
env=.venv; files="requirements.txt requirements-test.txt pyproject.toml"
[ "$mode" = lab ] && env=.venv-lab && files=requirements-lab.txt
[ -x "$env/bin/python" ] || "${PYTHON:-python3}" -m venv "$env"
want=$(cat $files | sha256sum | cut -d' ' -f1)
[ "$(cat "$env/.installed-$mode" 2>/dev/null)" = "$want" ] && exit 0
pip() {  # quiet, minus the "Location ... is ignored" notes some pip configurations print per package
  "$env/bin/python" -m pip install --quiet --disable-pip-version-check "$@" 2> >(grep -v "is ignored: it is neither" >&2)
}
if [ "$mode" = lab ]; then
  pip -r requirements-lab.txt
else
  pip -r requirements.txt
  [ "$mode" = test ] && pip -r requirements-test.txt
  pip --no-deps -e .
  [ "$mode" = test ] && echo "$want" > .venv/.installed-book
fi
echo "$want" > "$env/.installed-$mode"
