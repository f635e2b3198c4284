# shellcheck shell=bash
# Shared by setup.sh, run.sh and test.sh: where the bootstrap keeps its state, and how the start
# scripts pick up what setup.sh resolved (browser path, JDK, Maven).

CB_BOOTSTRAP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

cb_repo_root() {
  (cd "$CB_BOOTSTRAP_DIR/.." && pwd)
}

# Root keeps state machine-wide; anyone else in their own cache, so no step needs sudo just to
# remember that setup is done.
cb_state_dir() {
  if [[ -n ${CLOUDBROWSER_STATE_DIR:-} ]]; then
    echo "$CLOUDBROWSER_STATE_DIR"
  elif ((EUID == 0)); then
    echo /var/lib/cloudbrowser
  else
    echo "${XDG_CACHE_HOME:-$HOME/.cache}/cloudbrowser"
  fi
}

# Where a Maven downloaded from Maven Central is unpacked.
cb_tools_dir() {
  if ((EUID == 0)) && [[ -z ${CLOUDBROWSER_STATE_DIR:-} ]]; then
    echo /opt/cloudbrowser
  else
    cb_state_dir
  fi
}

# Runs setup.sh, then loads the environment it wrote (CHROMIUM_PATH, JAVA_HOME, PATH additions).
cb_bootstrap() {
  bash "$CB_BOOTSTRAP_DIR/setup.sh"
  # shellcheck source=/dev/null
  source "$(cb_state_dir)/env.sh"
}
