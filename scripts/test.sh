#!/usr/bin/env bash
# The project's test command (README and .ci/run both call it): the JUnit suites of all modules, then the
# tutorial notebooks executed headless on the bundled kernel with their outputs checked.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B test
SIEBENCH_NB_APT=1 bash scripts/run-notebooks.sh
