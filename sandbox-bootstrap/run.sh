#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Installs what is missing (setup.sh), builds when sources changed, and starts the control plane
# (port 8080 unless its arguments say otherwise). Arguments go to the control plane. Any cwd.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

cb_bootstrap
cd "$(cb_repo_root)"
JAR=control-plane/target/control-plane.jar

# A jar is stale when any pom.xml or source file is newer than it.
jar_is_stale() {
  [[ ! -f $JAR ]] || [[ -n $(find . \( -name .git -o -name target -o -name node_modules \) -prune -o \
    -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$JAR" -print -quit) ]]
}

if jar_is_stale; then
  echo "[run] building: mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec java -jar "$JAR" "$@"
