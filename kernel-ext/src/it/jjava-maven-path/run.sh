#!/usr/bin/env bash
# The JJava user's path, checked without JJava's kernel jar (not on Maven Central):
#   1. `mvn install` of SIEBench, into a private local repository (never into ~/.m2 of a shared machine);
#   2. a cell `%maven io.siebench:siebench-kernel-ext:VERSION`, resolved with MIMA 2.4.0 as JJava 1.0-a6 does;
#   3. the resolved jars added to a kernel on the real jjava-jupyter 1.0-a6 classes, which discovers
#      siebench.notebook.jjava.SiebenchExtension through META-INF/services and installs it.
# Usage: kernel-ext/src/it/jjava-maven-path/run.sh [LOCAL_REPO]
#   LOCAL_REPO (default: a new temporary folder) is seeded from ~/.m2/repository when it does not exist, so the
#   install runs offline (-o) when everything the build needs is in ~/.m2; MIMA's jars come from Maven Central
#   the first time (set SIEBENCH_IT_OFFLINE=1 to forbid that when they are already in LOCAL_REPO).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
REPO="${1:-$(mktemp -d)/repository}"
if [ ! -d "$REPO" ]; then
  mkdir -p "$(dirname "$REPO")"
  if [ -d "$HOME/.m2/repository" ]; then cp -a "$HOME/.m2/repository" "$REPO"; else mkdir -p "$REPO"; fi
fi
REPO="$(cd "$REPO" && pwd)"
VERSION="$(cd "$ROOT" && sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
COORDS="io.siebench:siebench-kernel-ext:$VERSION"
echo "local repository: $REPO"
echo "1. mvn install (SIEBench $VERSION)"
(cd "$ROOT" && mvn -o -B -q -DskipTests -Dmaven.repo.local="$REPO" install)
echo "2-3. %maven $COORDS on a kernel built on jjava-jupyter"
OFF=(); [ "${SIEBENCH_IT_OFFLINE:-0}" = 1 ] && OFF=(-o)
(cd "$HERE" && mvn "${OFF[@]}" -B -q -Dmaven.repo.local="$REPO" compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt)
java -Xmx1g -Djava.awt.headless=true -cp "$HERE/target/classes:$(cat "$HERE/target/classpath.txt")" \
  siebench.it.JJavaMavenPath "$REPO" "$COORDS"
