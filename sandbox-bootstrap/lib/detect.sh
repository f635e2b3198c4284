# shellcheck shell=bash disable=SC2034 # the OS_* globals are read by setup.sh
# Pure detection helpers for setup.sh: which distro family this is, which packages provide each
# requirement there, and version comparisons. Nothing here installs or needs root, so
# test/detect-distro.sh can source this file and check it against fixture os-release files.

# Reads ID, ID_LIKE, VERSION_ID and PRETTY_NAME into OS_* globals. The file is parsed, not sourced:
# sourcing would execute whatever it contains and leak its variables into the script.
read_os_release() {
  local file=$1 key value
  OS_ID="" OS_ID_LIKE="" OS_VERSION_ID="" OS_PRETTY_NAME=""
  [[ -r $file ]] || return 1
  while IFS='=' read -r key value || [[ -n $key ]]; do
    value=${value%$'\r'}
    value=${value#[\"\']}
    value=${value%[\"\']}
    case $key in
      ID) OS_ID=${value,,} ;;
      ID_LIKE) OS_ID_LIKE=${value,,} ;;
      VERSION_ID) OS_VERSION_ID=$value ;;
      PRETTY_NAME) OS_PRETTY_NAME=$value ;;
    esac
  done <"$file"
}

family_of_id() {
  case $1 in
    debian | ubuntu) echo debian ;;
    rhel | centos | rocky | almalinux) echo rhel ;;
    fedora) echo fedora ;;
    amzn) echo amzn ;;
    *) return 1 ;;
  esac
}

# ID wins over ID_LIKE (Rocky says ID_LIKE="rhel centos fedora" but is rhel, Amazon Linux says
# "centos rhel fedora" but has its own packages); then ID_LIKE words in the order given.
distro_family() {
  local id
  for id in $OS_ID $OS_ID_LIKE; do
    family_of_id "$id" && return 0
  done
  return 1
}

distro_is_ubuntu() {
  [[ " $OS_ID $OS_ID_LIKE " == *" ubuntu "* ]]
}

# How Chromium gets onto a machine that lacks every known browser binary:
#   package = the distro's own package; epel = the package after enabling EPEL;
#   snap = Ubuntu, whose chromium deb is only a wrapper around the snap; none = no package exists.
browser_source() {
  case $1 in
    debian) if distro_is_ubuntu; then echo snap; else echo package; fi ;;
    rhel) echo epel ;;
    fedora) echo package ;;
    amzn) echo none ;;
  esac
}

# Packages for one requirement on one family, in Debian's dependency notation: words are all
# needed, "a|b" means the first of a, b that the repositories offer. Empty = no package fits
# (setup.sh then has a fallback or a clear error).
package_candidates() {
  local family=$1 requirement=$2
  case $family:$requirement in
    *:browser) echo chromium ;;
    debian:xvfb) echo xvfb ;;
    debian:fonts) echo fonts-liberation ;;
    debian:emoji-fonts) echo fonts-noto-color-emoji ;;
    debian:procps) echo procps ;;
    debian:jdk) echo "openjdk-17-jdk-headless|openjdk-21-jdk-headless|openjdk-25-jdk-headless" ;;
    debian:jre) echo "openjdk-17-jre-headless|openjdk-21-jre-headless|openjdk-25-jre-headless" ;;
    debian:maven | fedora:maven) echo maven ;;
    debian:download) echo "curl ca-certificates" ;;
    *:xvfb) echo xorg-x11-server-Xvfb ;;
    amzn:fonts) echo "liberation-fonts|liberation-sans-fonts|dejavu-sans-fonts" ;;
    *:fonts) echo "liberation-fonts|liberation-sans-fonts" ;;
    fedora:emoji-fonts) echo "google-noto-color-emoji-fonts|google-noto-emoji-color-fonts" ;;
    *:emoji-fonts) echo "google-noto-emoji-color-fonts|google-noto-color-emoji-fonts" ;;
    *:procps) echo procps-ng ;;
    amzn:jdk) echo "java-17-amazon-corretto-devel|java-21-amazon-corretto-devel" ;;
    amzn:jre) echo "java-17-amazon-corretto-headless|java-21-amazon-corretto-headless" ;;
    fedora:jdk) echo "java-17-openjdk-devel|java-21-openjdk-devel|java-latest-openjdk-devel" ;;
    fedora:jre) echo "java-17-openjdk-headless|java-21-openjdk-headless|java-latest-openjdk-headless" ;;
    rhel:jdk) echo "java-17-openjdk-devel|java-21-openjdk-devel" ;;
    rhel:jre) echo "java-17-openjdk-headless|java-21-openjdk-headless" ;;
    *:download) echo "curl ca-certificates" ;;
    # rhel's and Amazon Linux 2's maven packages are older than 3.8: Maven Central's build is used.
    *:maven) echo "" ;;
    *) return 1 ;;
  esac
}

# True when version $1 >= version $2 (dotted numbers, any length).
version_ge() {
  printf '%s\n%s\n' "$2" "$1" | sort -V -C
}

# The major Java version from `java -version` / `javac -version` output: "1.8.0_292" -> 8,
# "17.0.15" -> 17, "21" -> 21. Skips "Picked up JAVA_TOOL_OPTIONS" and similar noise lines.
java_major_of() {
  local version
  version=$(grep -oE '(version "|javac )[0-9][0-9._]*' <<<"$1" | head -n1 | grep -oE '[0-9][0-9._]*$') || return 1
  if [[ $version == 1.* ]]; then version=${version#1.}; fi
  echo "${version%%[._]*}"
}

# The Maven version from `mvn -v` output (which may carry ANSI colour codes).
maven_version_of() {
  grep -oE 'Apache Maven [0-9]+(\.[0-9]+)+' <<<"$1" | head -n1 | cut -d' ' -f3
}
