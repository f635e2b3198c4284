#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Idempotent setup of a machine for running and testing cloudbrowser: Chromium, Xvfb, fonts,
# procps, a JDK 17+ and Maven 3.8+. Installs only what is missing; once everything is present it
# writes a marker, and later runs are a sub-second no-op (they still check the browser binary).
#
# Usage: setup.sh [--runtime]
#   --runtime  a Java 17+ runtime instead of a JDK, and no Maven (what the container image needs)
# Env:   CHROMIUM_PATH (use this browser; never replaced), CLOUDBROWSER_STATE_DIR (marker location)
# Exit:  0 ok, 2 unsupported distro, 3 cannot get root to install, 4 install failed,
#        5 verification failed, 64 bad usage. Package-manager output goes to bootstrap.log.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
# shellcheck source=lib/detect.sh
source "$HERE/lib/detect.sh"
# shellcheck source=lib/packages.sh
source "$HERE/lib/packages.sh"

readonly MIN_JAVA=17 MIN_MAVEN=3.8
# Maven Central serves Maven's own binary distribution; used where the distro's maven is too old.
readonly MAVEN_VERSION=3.9.11
readonly MAVEN_SHA512=bcfe4fe305c962ace56ac7b5fc7a08b87d5abd8b7e89027ab251069faebee516b0ded8961445d6d91ec1985dfe30f8153268843c89aa392733d1a3ec956c9978
readonly MAVEN_URL=https://repo1.maven.org/maven2/org/apache/maven/apache-maven/$MAVEN_VERSION/apache-maven-$MAVEN_VERSION-bin.tar.gz
readonly SUPPORTED="debian, ubuntu, rhel, centos, rocky, almalinux, fedora, amzn"
# Missing these is no reason to demand root: without it the emoji font is skipped with a warning
# and Maven is downloaded into the user's cache.
readonly OPTIONAL="emoji-fonts maven"

# Playwright must never download browsers: it gets Chromium's path instead.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 DEBIAN_FRONTEND=noninteractive

MODE=full
STATE_DIR=$(cb_state_dir)
MARKER=$STATE_DIR/bootstrap.done
ENV_FILE=$STATE_DIR/env.sh
LOG=$STATE_DIR/bootstrap.log
CHECKSUM="" FAMILY="" PM="" SUDO="" LISTS_FRESH=0
MISSING="" BROWSER="" JAVA_HOME_FOUND="" MAVEN_HOME_FOUND=""
BROWSER_HINT="set CHROMIUM_PATH to a Chromium or Chrome binary"

log() { printf '[bootstrap] %s\n' "$*"; }

die() {
  local code=$1
  shift
  printf '[bootstrap] error: %s\n' "$*" >&2
  exit "$code"
}

# Like die, after showing the end of the package-manager log that explains the failure.
die_logged() {
  tail -n 15 "$LOG" 2>/dev/null | sed 's/^/    /' >&2
  die "$1" "$2 (full log: $LOG)"
}

# Runs a command with stdin closed (nothing may prompt) and its output in the log.
quietly() {
  "$@" >>"$LOG" 2>&1 </dev/null
}

parse_args() {
  while (($#)); do
    case $1 in
      --runtime) MODE=runtime ;;
      -h | --help) sed -n '3,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' && exit 0 ;;
      *) die 64 "unknown argument '$1' (usage: setup.sh [--runtime])" ;;
    esac
    shift
  done
}

# The marker holds this checksum, so editing the bootstrap makes the next run a full one.
script_checksum() {
  cat "$HERE/setup.sh" "$HERE"/lib/*.sh | sha256sum | cut -d' ' -f1
}

# An explicit CHROMIUM_PATH is the user's choice: never silently replaced by another browser.
resolve_browser() {
  if [[ -n ${CHROMIUM_PATH:-} ]]; then
    [[ -f $CHROMIUM_PATH && -x $CHROMIUM_PATH ]] && echo "$CHROMIUM_PATH"
    return
  fi
  local name
  for name in /usr/bin/chromium chromium chromium-browser google-chrome google-chrome-stable /snap/bin/chromium; do
    command -v "$name" && return 0
  done
  return 1
}

marker_is_current() {
  [[ -r $MARKER && -r $ENV_FILE ]] || return 1
  local key value sha="" mode="" chromium="" tool
  while IFS='=' read -r key value; do
    case $key in
      sha256) sha=$value ;;
      mode) mode=$value ;;
      chromium) chromium=$value ;;
    esac
  done <"$MARKER"
  [[ $sha == "$CHECKSUM" ]] && [[ $mode == "$MODE" || $mode == full ]] || return 1
  [[ $(resolve_browser) == "$chromium" ]] || return 1
  # shellcheck source=/dev/null
  source "$ENV_FILE"
  for tool in Xvfb java $([[ $MODE == runtime ]] || echo javac mvn); do
    command -v "$tool" >/dev/null || return 1
  done
}

detect_distro() {
  local file=/etc/os-release
  [[ -r $file ]] || file=/usr/lib/os-release
  read_os_release "$file" || die 2 "cannot read /etc/os-release to detect the distro (supported: $SUPPORTED)"
  FAMILY=$(distro_family) ||
    die 2 "unsupported distro '${OS_PRETTY_NAME:-$OS_ID}' (ID=$OS_ID, ID_LIKE=${OS_ID_LIKE:-none}); supported: $SUPPORTED"
  if [[ $FAMILY == debian ]]; then PM=apt-get; elif command -v dnf >/dev/null; then PM=dnf; else PM=yum; fi
  log "distro: ${OS_PRETTY_NAME:-$OS_ID} ($FAMILY family, $PM)"
}

# True when java (and javac unless --runtime) under bin prefix $1 ("" = PATH) are 17 or newer.
java_ok() {
  local tool major
  for tool in java $([[ $MODE == runtime ]] || echo javac); do
    command -v "$1$tool" >/dev/null || return 1
    major=$(java_major_of "$("$1$tool" -version 2>&1)") || return 1
    ((major >= MIN_JAVA)) || return 1
  done
}

# PATH and JAVA_HOME are fine, or a JDK 17+ sits elsewhere (alternatives still pointing at an
# older one): then JAVA_HOME_FOUND names it and env.sh puts it first.
resolve_java() {
  JAVA_HOME_FOUND=""
  if java_ok "" && { [[ -z ${JAVA_HOME:-} ]] || java_ok "$JAVA_HOME/bin/"; }; then
    return 0
  fi
  local home
  for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    if java_ok "$home/bin/"; then
      JAVA_HOME_FOUND=$home
      return 0
    fi
  done
  return 1
}

maven_ok() {
  command -v "$1" >/dev/null || return 1
  local version
  version=$(maven_version_of "$(JAVA_HOME=${JAVA_HOME_FOUND:-${JAVA_HOME:-}} "$1" -B -v 2>/dev/null)")
  [[ -n $version ]] && version_ge "$version" "$MIN_MAVEN"
}

resolve_maven() {
  MAVEN_HOME_FOUND=""
  maven_ok mvn && return 0
  local home
  home=$(cb_tools_dir)/apache-maven-$MAVEN_VERSION
  maven_ok "$home/bin/mvn" && MAVEN_HOME_FOUND=$home
}

find_missing() {
  MISSING=""
  resolve_browser >/dev/null || MISSING+=" browser"
  command -v Xvfb >/dev/null || MISSING+=" xvfb"
  requirement_installed fonts || MISSING+=" fonts"
  requirement_installed emoji-fonts || MISSING+=" emoji-fonts"
  { command -v ps && command -v pkill; } >/dev/null || MISSING+=" procps"
  if [[ $MODE == runtime ]]; then
    resolve_java || MISSING+=" jre"
  else
    resolve_java || MISSING+=" jdk"
    resolve_maven || MISSING+=" maven"
  fi
  MISSING=${MISSING# }
}

install_missing() {
  local requirement packages="" found
  log "missing: $MISSING"
  if ! acquire_root; then
    for requirement in $MISSING; do
      [[ " $OPTIONAL " == *" $requirement "* ]] ||
        die 3 "need root to install '$MISSING': run as root, or give this user passwordless sudo"
    done
    log "warning: not root and no usable sudo; skipping optional '$MISSING'"
    return 0
  fi
  refresh_package_lists
  for requirement in $MISSING; do
    if [[ $requirement == browser ]] && ! prepare_browser_source; then continue; fi
    if found=$(resolve_packages "$requirement"); then
      packages+=" $found"
    elif [[ $requirement == emoji-fonts ]]; then
      log "warning: no emoji font package found; emoji will render as boxes"
    else
      die 4 "no package provides $requirement on ${OS_PRETTY_NAME:-$OS_ID} (tried: $(package_candidates "$FAMILY" "$requirement"))"
    fi
  done
  # shellcheck disable=SC2086 # package names never contain spaces
  [[ -z ${packages// /} ]] || install_packages $packages
}

verify() {
  local version java_bin=${JAVA_HOME_FOUND:+$JAVA_HOME_FOUND/bin/}
  version=$(timeout 30 "$BROWSER" --version 2>/dev/null | head -n1) || true
  [[ $version =~ [0-9]+\.[0-9]+ ]] ||
    die 5 "browser $BROWSER does not run ('--version' printed '${version:-nothing}'); set CHROMIUM_PATH to a working Chromium"
  log "browser: $BROWSER ($version)"
  command -v Xvfb >/dev/null || die 5 "Xvfb is still missing after install"
  log "xvfb: $(command -v Xvfb)"
  log "java: $(java_major_of "$("${java_bin}java" -version 2>&1)") (${JAVA_HOME_FOUND:-$(command -v java)})"
  [[ $MODE == runtime ]] && return 0
  local mvn=${MAVEN_HOME_FOUND:+$MAVEN_HOME_FOUND/bin/}mvn
  log "maven: $(maven_version_of "$(JAVA_HOME=${JAVA_HOME_FOUND:-${JAVA_HOME:-}} "$mvn" -B -v 2>/dev/null)") ($(command -v "$mvn"))"
}

# env.sh carries what setup resolved to run.sh, test.sh and anyone who sources it.
write_env() {
  {
    echo "# Written by cloudbrowser's sandbox-bootstrap/setup.sh; source it to get what run.sh and test.sh use."
    echo "export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1"
    printf 'export CHROMIUM_PATH=%q\n' "$BROWSER"
    # shellcheck disable=SC2016 # $PATH is expanded when env.sh is sourced
    if [[ -n $JAVA_HOME_FOUND ]]; then
      printf 'export JAVA_HOME=%q\nexport PATH=%q:"$PATH"\n' "$JAVA_HOME_FOUND" "$JAVA_HOME_FOUND/bin"
    fi
    # shellcheck disable=SC2016
    if [[ -n $MAVEN_HOME_FOUND ]]; then
      printf 'export PATH=%q:"$PATH"\n' "$MAVEN_HOME_FOUND/bin"
    fi
  } >"$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  printf 'sha256=%s\nmode=%s\nchromium=%s\n' "$CHECKSUM" "$MODE" "$BROWSER" >"$MARKER.tmp"
  mv "$MARKER.tmp" "$MARKER"
}

env_hint() {
  log "for manual runs: source $ENV_FILE (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1: Playwright must never download browsers)"
}

# Everything that inspects or changes the machine; serialized so parallel runs do not race on
# the package manager.
full_setup() {
  if command -v flock >/dev/null; then
    exec 9>"$STATE_DIR/bootstrap.lock"
    flock -w 900 9 || die 4 "another setup.sh still holds $STATE_DIR/bootstrap.lock after 15 minutes"
    if marker_is_current; then
      log "up to date (a parallel run finished setup): browser $CHROMIUM_PATH"
      return 0
    fi
  fi
  : >"$LOG"
  detect_distro
  find_missing
  if [[ -n $MISSING ]]; then
    install_missing
  else
    log "all packages present"
  fi
  resolve_java || die 5 "no Java $MIN_JAVA+ found after install"
  [[ $MODE == runtime ]] || resolve_maven || download_maven
  BROWSER=$(resolve_browser) || die 4 "no Chromium found: $BROWSER_HINT"
  verify
  write_env
  log "done: marker $MARKER"
}

main() {
  parse_args "$@"
  if [[ -n ${CHROMIUM_PATH:-} ]] && ! resolve_browser >/dev/null; then
    die 5 "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file"
  fi
  mkdir -p "$STATE_DIR"
  CHECKSUM=$(script_checksum)
  if marker_is_current; then
    log "up to date (marker $MARKER): browser $CHROMIUM_PATH"
  else
    full_setup
  fi
  env_hint
}

main "$@"
