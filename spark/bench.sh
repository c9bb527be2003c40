#!/usr/bin/env bash
# The Spark measurements of docs/results/spark-score.txt and spark-knn-shapley.txt:
#   bash spark/bench.sh score [ROWS] [REPEATS]     siebench score vs SparkScore on local[2], the same rows, interleaved
#   bash spark/bench.sh warm [ROWS] [JOBS]         SparkScore's scoring job repeated in one application (steady rate)
#   bash spark/bench.sh knn [N] [M]                KNN-Shapley, single JVM vs Spark local[2], equality and time
#   bash spark/bench.sh oob [N] [B] [P]            Data-OOB, single JVM (same bags) vs Spark local[2], equality and time
# Spark runs through org.apache.spark.deploy.SparkSubmit (what the spark-submit script runs) with the jars of
# spark/target/lib shipped by --jars, as on a cluster. Work files go to SIEBENCH_BENCH_DIR (default /tmp/siebench-spark-bench).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:?usage: spark/bench.sh score|warm|knn|oob ...}"
work="${SIEBENCH_BENCH_DIR:-/tmp/siebench-spark-bench}"
mkdir -p "$work"
mvn -o -q -B -pl spark -am -DskipTests package >&2
app="$here/spark/target/siebench-spark-0.1.0-SNAPSHOT.jar"
jars="$(ls "$here"/spark/target/lib/*.jar | tr '\n' ',' | sed 's/,$//')"
# the jars of a Spark distribution (spark-submit's own classpath), resolved by Maven
mvn -o -q -B -f spark/spark-distribution.xml dependency:build-classpath -Dmdep.outputFile="$work/spark-classpath.txt" >&2
sparkcp="$(cat "$work/spark-classpath.txt")"
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true"
heap="${SIEBENCH_BENCH_HEAP:--Xmx4g}"
# spark-submit --master local[2] --jars ... --class CLASS APP ARGS, in one JVM of $heap
submit() {
  local class="$1"; shift
  local timer=()
  [[ -n "${rss:-}" ]] && timer=(/usr/bin/time -f "%M" -o "$work/rss")
  # shellcheck disable=SC2086
  "${timer[@]}" java $heap $opens -Dai.djl.offline=true -Dlog4j2.level=warn -cp "$sparkcp" org.apache.spark.deploy.SparkSubmit \
    --master 'local[2]' --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=8 \
    --jars "$jars" --class "$class" "$app" "$@"
}
model="$work/model"
if [[ ! -f "$model/parameters.djl" ]]; then
  echo "== training the model: siebench train --data synthetic --rows 200000 --epochs 1 --save $model" >&2
  SIEBENCH_JAVA_OPTS="$heap" ./siebench train --data synthetic --rows 200000 --seed 11 --epochs 1 --save "$model" >&2
fi
case "$mode" in
  score)
    rows="${2:-1000000}"
    repeats="${3:-2}"
    est="loss,el2n,grand"
    echo "== prepare: the rows of siebench score --data synthetic --rows $rows --seed 7, as Parquet"
    submit siebench.spark.SparkBench prepare --rows "$rows" --seed 7 --out "$work/clicks-$rows.parquet" 2>"$work/prepare.log" \
      || { tail -40 "$work/prepare.log" >&2; exit 1; }
    for r in $(seq 1 "$repeats"); do
      echo "== repeat $r: siebench score (one JVM, $heap)"
      t0=$(date +%s.%N)
      SIEBENCH_JAVA_OPTS="$heap" /usr/bin/time -f "%M" -o "$work/rss" ./siebench score --data synthetic \
        --rows "$rows" --seed 7 --model "$model" --estimators "$est" --out "$work/single.csv" 2>/dev/null \
        | grep -E "^(scored|unseen)"
      t1=$(date +%s.%N)
      echo "siebench score process wall time (generation, encode, score, CSV write): $(echo "$t1 - $t0" | bc) s," \
        "peak RSS $(( $(tail -1 "$work/rss") / 1024 )) MB"
      echo "== repeat $r: SparkScore on local[2] (read Parquet, encode, score, write Parquet)"
      t0=$(date +%s.%N)
      rss=1 submit siebench.spark.SparkScore --model "$model" --input "$work/clicks-$rows.parquet" \
        --output "$work/spark-scores.parquet" --estimators "$est" --keys user_id,item_id,query_id 2>/dev/null \
        | grep -E "^(spark-score|unseen|driver)"
      t1=$(date +%s.%N)
      echo "SparkScore process wall time (JVM and Spark start, read, score, write): $(echo "$t1 - $t0" | bc) s," \
        "peak RSS $(( $(tail -1 "$work/rss") / 1024 )) MB"
    done
    echo "== the two outputs, joined on row_id"
    submit siebench.spark.SparkBench compare --csv "$work/single.csv" --parquet "$work/spark-scores.parquet" \
      2>/dev/null | grep -E "^compare"
    ;;
  knn)
    n="${2:-100000}"
    m="${3:-1000}"
    submit siebench.spark.SparkBench knn --rows "$n" --validation-rows "$m" --seed 7 --model "$model" \
      --partitions 8 --repeats 1 2>/dev/null | grep -E "^knn"
    ;;
  oob)
    n="${2:-200000}"
    b="${3:-20}"
    p="${4:-4}"
    submit siebench.spark.SparkBench oob --rows "$n" --learners "$b" --blocks "$p" --seed 7 --model "$model" \
      2>/dev/null | grep -E "^oob"
    ;;
  warm)
    rows="${2:-1000000}"
    [[ -d "$work/clicks-$rows.parquet" ]] || submit siebench.spark.SparkBench prepare --rows "$rows" --seed 7 \
      --out "$work/clicks-$rows.parquet" 2>/dev/null
    submit siebench.spark.SparkBench score --model "$model" --input "$work/clicks-$rows.parquet" \
      --out "$work/spark-warm.parquet" --estimators loss,el2n,grand --jobs "${3:-3}" 2>/dev/null | grep -E "^score"
    ;;
  *) echo "unknown mode $mode; expected score, warm, knn or oob" >&2; exit 2 ;;
esac
