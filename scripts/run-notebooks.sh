#!/usr/bin/env bash
# Executes the notebooks headless on the bundled SIEBench kernel and checks their outputs.
#
#   scripts/run-notebooks.sh [NOTEBOOK.ipynb ...]     (default: notebooks/*.ipynb)
#
# Needs: JDK 17 + Maven with the dependencies in ~/.m2 (run offline), and Debian's Jupyter tools
#   apt-get install -y jupyter-notebook python3-nbconvert python3-nbclient python3-jupyter-client
# (uses /usr/bin/python3; SIEBENCH_NB_APT=1 installs them when missing). Executed copies go to $SIEBENCH_NB_OUT (default target/notebooks/), so the
# committed notebooks are never rewritten. Data: SIEBENCH_DATA (default ../shared/data beside the clone when it
# exists; otherwise the notebooks use the user cache or download, see siebench.data.io.DatasetStore). Exits non-zero when a cell errors or an expected output is missing,
# or when the outputs saved in the committed notebook are stale (scripts/notebook-outputs.py check: the same code
# cells must produce outputs of the same kinds). SIEBENCH_NB_SAVE=1 first writes the executed outputs back into the
# committed notebooks, normalized for small diffs (scripts/notebook-outputs.py save).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# the data catalogue (siebench.data.io.Datasets) reads the real samples from SIEBENCH_DATA; default: ../shared/data
if [ -z "${SIEBENCH_DATA:-}" ] && [ -d "$ROOT/../shared/data" ]; then
  export SIEBENCH_DATA="$(cd "$ROOT/../shared/data" && pwd)"
fi
PY=/usr/bin/python3
TIMEOUT="${SIEBENCH_NB_TIMEOUT:-900}"
OUT="${SIEBENCH_NB_OUT:-$ROOT/target/notebooks}"
APT_PACKAGES="jupyter-notebook python3-nbconvert python3-nbclient python3-jupyter-client"
if ! "$PY" -c 'import nbconvert, nbclient, jupyter_client' 2>/dev/null && [ "${SIEBENCH_NB_APT:-0}" = 1 ]; then
  # opt-in for CI machines that start without them (needs root)
  echo "run-notebooks: installing $APT_PACKAGES" >&2
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $APT_PACKAGES >/dev/null
fi
if ! "$PY" -c 'import nbconvert, nbclient, jupyter_client' 2>/dev/null; then
  echo "run-notebooks: Jupyter tools missing; set SIEBENCH_NB_APT=1 or install them with:" >&2
  echo "  apt-get install -y jupyter-notebook python3-nbconvert python3-nbclient python3-jupyter-client" >&2
  exit 2
fi

# 0. the checker checks itself first (fast)
"$PY" scripts/test_check_notebooks.py >/dev/null 2>&1 || { "$PY" scripts/test_check_notebooks.py; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
start=$(date +%s)

# 1. compile the kernel and resolve its class path (jjava-jupyter is 'provided': the kernel brings it here)
mvn -q -B -pl kernel-ext -am compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >"$WORK/mvn.log" 2>&1 \
  || { cat "$WORK/mvn.log" >&2; exit 1; }
CP="$ROOT/kernel-ext/target/classes:$ROOT/dsl/target/classes:$(cat "$WORK/cp.txt")"

# 2. install the kernelspec into a private Jupyter path
java -cp "$CP" siebench.notebook.kernel.KernelMain --install "$WORK/jupyter" \
  --jvm-opt -Xmx4g --jvm-opt -Dai.djl.offline=true \
  --jvm-opt -Dorg.slf4j.simpleLogger.log.ai.djl=error >/dev/null
export JUPYTER_PATH="$WORK/jupyter"
export JUPYTER_RUNTIME_DIR="$WORK/runtime"
export JUPYTER_CONFIG_DIR="$WORK/config"
export JUPYTER_DATA_DIR="$WORK/data"

# 3. execute and check each notebook
if [ $# -eq 0 ]; then
  set -- notebooks/*.ipynb
fi
mkdir -p "$OUT"
status=0
passed=0
failed=0
for nb in "$@"; do
  name="$(basename "$nb")"
  t0=$(date +%s)
  if "$PY" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=siebench \
      --ExecutePreprocessor.timeout="$TIMEOUT" --output-dir "$OUT" --output "$name" "$nb" \
      >"$WORK/nbconvert.log" 2>&1; then
    if [ "${SIEBENCH_NB_SAVE:-0}" = 1 ] && "$PY" scripts/check-notebooks.py "$OUT/$name" >/dev/null 2>&1; then
      # save the outputs into the committed notebook (normalized: no execution counts, display ids, metadata)
      "$PY" scripts/notebook-outputs.py save "$OUT/$name" "$nb"
    fi
    if "$PY" scripts/check-notebooks.py "$OUT/$name" >"$WORK/check.log" 2>&1 \
        && "$PY" scripts/notebook-outputs.py check "$OUT/$name" "$nb" >>"$WORK/check.log" 2>&1; then
      grep -v 'passed, ' "$WORK/check.log" || true
      echo "notebook $name: ok ($(( $(date +%s) - t0 )) s)"
      passed=$((passed + 1))
    else
      grep -v 'passed, ' "$WORK/check.log" >&2 || true
      echo "notebook $name: FAILED its output checks" >&2
      failed=$((failed + 1))
      status=1
    fi
  else
    echo "notebook $name: FAILED to execute" >&2
    tail -40 "$WORK/nbconvert.log" >&2
    failed=$((failed + 1))
    status=1
  fi
done
echo "run-notebooks: $# notebooks in $(( $(date +%s) - start )) s, outputs in $OUT"
echo "notebooks: $passed passed, $failed failed"
exit $status
