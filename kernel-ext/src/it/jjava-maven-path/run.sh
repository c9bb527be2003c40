#!/usr/bin/env bash
# The JJava user's path, checked without JJava's kernel jar (not on Maven Central):
#   1. `mvn install` of SIEBench, into a private local repository (never into ~/.m2 of a shared machine);
#   2. a cell `%maven io.siebench:siebench-kernel-ext:VERSION`, resolved with MIMA 2.4.0 as JJava 1.0-a6 does;
#   3. the resolved jars added to a kernel on the real jjava-jupyter 1.0-a6 classes, which discovers
#      siebench.notebook.jjava.SiebenchExtension through META-INF/services and installs it.
# Usage: kernel-ext/src/it/jjava-maven-path/run.sh [LOCAL_REPO]
#   LOCAL_REPO (default: a new temporary folder) is seeded from ~/.m2/repository when it does not exist, so
#   only what the build has not used yet (the install plugin, MIMA's jars) comes from Maven Central; set
#   SIEBENCH_IT_OFFLINE=1 to forbid that when everything is already in LOCAL_REPO.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
REPO="${1:-$(mktemp -d)/repository}"
if [ ! -d "$REPO" ]; then
  mkdir -p "$(dirname "$REPO")"
  if [ -d "$HOME/.m2/repository" ]; then cp -a "$HOME/.m2/repository" "$REPO"; else mkdir -p "$REPO"; fi
fi
REPO="$(cd "$REPO" && pwd)"
VERSION="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | sed -n 1p)"
COORDS="io.siebench:siebench-kernel-ext:$VERSION"
echo "local repository: $REPO"
echo "1. mvn install (SIEBench $VERSION)"
OFF=(); [ "${SIEBENCH_IT_OFFLINE:-0}" = 1 ] && OFF=(-o)
(cd "$ROOT" && mvn "${OFF[@]}" -B -q -DskipTests -Dmaven.repo.local="$REPO" install)
echo "2-3. %maven $COORDS on a kernel built on jjava-jupyter"
(cd "$HERE" && mvn "${OFF[@]}" -B -q -Dmaven.repo.local="$REPO" compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt)
java -Xmx1g -Djava.awt.headless=true -cp "$HERE/target/classes:$(cat "$HERE/target/classpath.txt")" \
  siebench.it.JJavaMavenPath "$REPO" "$COORDS"
