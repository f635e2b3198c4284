#!/usr/bin/env bash
# Benchmarks browserd (its real jar, in a child process) against in-process Playwright and prints one table.
# Usage: bash bench/run.sh     (from anywhere; about 4 minutes; settings and figures in bench/README.md)
# Exit code: 0 every target passes, 1 a target failed, 2 the benchmark could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

jar=browserd/target/browserd.jar
# Rebuild and install browserd (bench resolves its classes from the local repository) when its jar is missing or
# older than a source it is made of; BENCH_REBUILD=1 forces it.
if [[ ${BENCH_REBUILD:-0} == 1 || ! -f $jar ]] \
   || [[ -n $(find pom.xml browserd/pom.xml browserd/src web-client/pom.xml web-client/src -newer "$jar" -print -quit) ]]; then
  echo "bench: building browserd (mvn -pl browserd -am install -Dmaven.test.skip=true)" >&2
  mvn -B -q -pl browserd -am install -Dmaven.test.skip=true
fi

# bench/pom.xml's exec:exec only echoes the module's classpath; Debian's Maven colours even -B output, hence sed.
cp=$(mvn -B -q -pl bench compile exec:exec | sed 's/\x1b\[[0-9;]*m//g' | grep 'bench/target/classes' | tail -n 1)
export BENCH_BROWSERD_JAR=${BENCH_BROWSERD_JAR:-$PWD/$jar}
cd bench
exec java -Xmx512m -DBROWSERD_LOG_LEVEL=WARN -cp "$cp" io.cloudbrowser.bench.BenchMain
