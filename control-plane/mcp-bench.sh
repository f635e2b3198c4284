#!/usr/bin/env bash
# Our MCP server beside playwright-mcp on this machine (control-plane/README.md "Benchmark"). Installs
# @playwright/mcp into control-plane/target/mcp-bench (never committed), builds browserd and the control plane
# from this checkout (the reactor's classes, not whatever is in ~/.m2), runs io.cloudbrowser.controlplane.bench.McpBenchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PEER=control-plane/target/mcp-bench
if [ ! -f "$PEER/node_modules/@playwright/mcp/cli.js" ]; then
  mkdir -p "$PEER"
  npm install --prefix "$PEER" --no-audit --no-fund --silent @playwright/mcp@0.0.83
fi
mvn -B -q -o -pl browserd -am package -DskipTests
CP_FILE="$PWD/control-plane/target/mcp-bench/classpath.txt"
mvn -B -q -o -pl control-plane -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE"
exec java -Dbrowserd.jar="$PWD/browserd/target/browserd.jar" -Dbench.samples="${BENCH_SAMPLES:-40}" \
  -Dbench.playwrightMcp="$PWD/$PEER/node_modules/@playwright/mcp/cli.js" \
  -Dlogback.configurationFile=logback-bench.xml \
  -cp "control-plane/target/test-classes:control-plane/target/classes:$(cat "$CP_FILE")" \
  io.cloudbrowser.controlplane.bench.McpBenchmark
