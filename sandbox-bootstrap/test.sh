#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Installs what is missing (setup.sh), checks the bootstrap itself, then runs the whole test suite
# (mvn -B verify). Extra arguments go to Maven, e.g. `test.sh -pl browserd -am`. Any cwd.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

cb_bootstrap
cd "$(cb_repo_root)"
for check in sandbox-bootstrap/test/*.sh; do
  bash "$check"
done
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec mvn -B verify "$@"
