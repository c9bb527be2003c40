#!/usr/bin/env bash
# The project's test command (README and .ci/run both call it): the JUnit suites of all modules, the
# tutorial notebooks executed headless on the bundled kernel with their outputs checked, then the JJava user's
# `%maven` path (kernel-ext/src/it/jjava-maven-path).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
# the data catalogue (siebench.data.io.Datasets) reads the real samples from SIEBENCH_DATA; default: ../shared/data
if [ -z "${SIEBENCH_DATA:-}" ] && [ -d "$ROOT/../shared/data" ]; then
  export SIEBENCH_DATA="$(cd "$ROOT/../shared/data" && pwd)"
fi
mvn -B test
SIEBENCH_NB_APT=1 bash scripts/run-notebooks.sh
# the JJava user's path: `mvn install`, then `%maven` the coordinates on the real jjava-jupyter classes
bash kernel-ext/src/it/jjava-maven-path/run.sh
