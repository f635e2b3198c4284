# shellcheck shell=bash disable=SC2034 # sets setup.sh globals (MAVEN_HOME_FOUND, ...)
# Package-manager side of setup.sh: queries, root via sudo, installs, EPEL, the Ubuntu snap and the
# Maven download. Uses setup.sh's globals (FAMILY, PM, SUDO, LOG, MODE) and its log/die helpers.

pkg_installed() {
  if [[ $PM == apt-get ]]; then
    [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) == ii* ]]
  else
    rpm -q --quiet "$1"
  fi
}

pkg_available() {
  if [[ $PM == apt-get ]]; then
    local candidate
    candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
    [[ -n $candidate && $candidate != "(none)" ]]
  else
    "$PM" -q list "$1" >/dev/null 2>&1
  fi
}

any_installed() {
  local alternative
  for alternative in ${1//|/ }; do
    pkg_installed "$alternative" && return 0
  done
  return 1
}

requirement_installed() {
  local group
  for group in $(package_candidates "$FAMILY" "$1"); do
    any_installed "$group" || return 1
  done
}

# Prints what to install for a requirement: per group, the first alternative the repos offer.
resolve_packages() {
  local group alternative
  for group in $(package_candidates "$FAMILY" "$1"); do
    any_installed "$group" && continue
    for alternative in ${group//|/ }; do
      if pkg_available "$alternative"; then
        echo "$alternative"
        continue 2
      fi
    done
    return 1
  done
}

# Sets SUDO; fails (without prompting when there is no terminal) if root is out of reach.
acquire_root() {
  ((EUID == 0)) && return 0
  command -v sudo >/dev/null || return 1
  if [[ -t 0 ]]; then
    SUDO=sudo
  else
    sudo -n true 2>/dev/null || return 1
    SUDO="sudo -n"
  fi
}

as_root() {
  # shellcheck disable=SC2086 # SUDO is "", "sudo" or "sudo -n"
  $SUDO "$@"
}

refresh_package_lists() {
  [[ $PM == apt-get && $LISTS_FRESH == 0 ]] || return 0
  log "apt-get update"
  quietly as_root apt-get update -q || die_logged 4 "apt-get update failed"
  LISTS_FRESH=1
}

install_packages() {
  log "installing: $*"
  if [[ $PM == apt-get ]]; then
    quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
  else
    quietly as_root "$PM" install -y -q "$@"
  fi || die_logged 4 "installing $* failed"
}

enable_epel() {
  pkg_installed epel-release && return 0
  local major=${OS_VERSION_ID%%.*}
  log "enabling EPEL (RHEL-family Chromium is packaged there)"
  quietly as_root "$PM" install -y -q epel-release ||
    quietly as_root "$PM" install -y -q "https://dl.fedoraproject.org/pub/epel/epel-release-latest-$major.noarch.rpm" ||
    die_logged 4 "could not enable EPEL"
  # EPEL packages build against CodeReady Builder (crb on EL9, powertools on EL8).
  quietly as_root "$PM" install -y -q dnf-plugins-core || true
  quietly as_root "$PM" config-manager --set-enabled crb ||
    quietly as_root "$PM" config-manager --set-enabled powertools ||
    log "warning: could not enable CRB; on RHEL: subscription-manager repos --enable codeready-builder-for-rhel-$major-$(uname -m)-rpms"
}

# Ubuntu's chromium deb only installs the snap, which needs a running snapd (absent in most
# containers); the snap itself sees only $HOME and its own /tmp.
install_browser_snap() {
  if ! snap version >/dev/null 2>&1; then
    BROWSER_HINT="Ubuntu packages Chromium only as a snap and snapd is not running here; install Google Chrome (google-chrome-stable .deb) and rerun, or set CHROMIUM_PATH"
    return 0
  fi
  log "installing: chromium (snap)"
  quietly as_root snap install chromium || die_logged 4 "snap install chromium failed"
}

# Returns 1 when the package manager has nothing to install for the browser (snap, or no
# package at all: BROWSER_HINT then says what to do, after everything else is installed).
prepare_browser_source() {
  case $(browser_source "$FAMILY") in
    package) return 0 ;;
    epel) enable_epel ;;
    snap) install_browser_snap && return 1 ;;
    none)
      BROWSER_HINT="${OS_PRETTY_NAME:-$OS_ID} has no Chromium package; install Google Chrome (google-chrome-stable .rpm from dl.google.com) and rerun, or set CHROMIUM_PATH"
      return 1
      ;;
  esac
}

fetch() {
  if command -v curl >/dev/null; then
    curl -fsSL --retry 3 -o "$2" "$1"
  else
    wget -q -O "$2" "$1"
  fi
}

ensure_downloader() {
  command -v curl >/dev/null || command -v wget >/dev/null && return 0
  acquire_root || die 3 "need curl or wget to download Maven; install one or run as root"
  refresh_package_lists
  local packages
  packages=$(resolve_packages download) || die 4 "no package provides curl on ${OS_PRETTY_NAME:-$OS_ID}"
  # shellcheck disable=SC2086 # one package name per word
  install_packages $packages
}

download_maven() {
  local dir archive
  dir=$(cb_tools_dir)
  log "maven: no Maven $MIN_MAVEN+; downloading $MAVEN_VERSION from Maven Central into $dir"
  ensure_downloader
  mkdir -p "$dir"
  archive=$(mktemp "$dir/maven-download.XXXXXX")
  if ! fetch "$MAVEN_URL" "$archive" || ! echo "$MAVEN_SHA512  $archive" | sha512sum -c --quiet - >/dev/null 2>&1; then
    rm -f "$archive"
    die 4 "could not download a verified $MAVEN_URL"
  fi
  tar -xzf "$archive" -C "$dir"
  rm -f "$archive"
  MAVEN_HOME_FOUND=$dir/apache-maven-$MAVEN_VERSION
}
