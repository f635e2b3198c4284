#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Checks lib/detect.sh against fixture os-release files and sample tool output. Pure: no root,
# no package manager, well under a second.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/detect.sh
source "$HERE/../lib/detect.sh"
FIXTURES=$HERE/fixtures/os-release
failures=0 checks=0

check() {
  local name=$1 expected=$2 actual=$3
  checks=$((checks + 1))
  if [[ $expected != "$actual" ]]; then
    failures=$((failures + 1))
    printf 'FAIL %s: expected [%s] got [%s]\n' "$name" "$expected" "$actual"
  fi
}

# fixture | family ("unsupported" when none) | browser source | ubuntu-like
while IFS='|' read -r fixture family source ubuntu; do
  read_os_release "$FIXTURES/$fixture"
  check "$fixture family" "$family" "$(distro_family || echo unsupported)"
  check "$fixture ubuntu-like" "$ubuntu" "$(distro_is_ubuntu && echo yes || echo no)"
  if [[ $family != unsupported ]]; then
    check "$fixture browser source" "$source" "$(browser_source "$family")"
  fi
done <<'TABLE'
debian-12|debian|package|no
debian-11-uppercase|debian|package|no
ubuntu-22.04|debian|snap|yes
linuxmint-21|debian|snap|yes
pop-22.04-crlf|debian|snap|yes
rocky-9|rhel|epel|no
almalinux-8|rhel|epel|no
centos-stream-9|rhel|epel|no
rhel-9|rhel|epel|no
fedora-40|fedora|package|no
amzn-2|amzn|none|no
amzn-2023|amzn|none|no
alpine-3.20|unsupported|-|no
arch|unsupported|-|no
opensuse-leap-15|unsupported|-|no
TABLE

read_os_release "$FIXTURES/pop-22.04-crlf"
check "quotes and CRLF stripped" "22.04|Pop!_OS 22.04 LTS" "$OS_VERSION_ID|$OS_PRETTY_NAME"
check "missing os-release" "1" "$(read_os_release "$FIXTURES/does-not-exist" && echo 0 || echo 1)"

check "debian jdk" "openjdk-17-jdk-headless|openjdk-21-jdk-headless|openjdk-25-jdk-headless" "$(package_candidates debian jdk)"
check "debian xvfb" "xvfb" "$(package_candidates debian xvfb)"
check "rhel xvfb" "xorg-x11-server-Xvfb" "$(package_candidates rhel xvfb)"
check "fedora emoji" "google-noto-color-emoji-fonts|google-noto-emoji-color-fonts" "$(package_candidates fedora emoji-fonts)"
check "amzn jdk" "java-17-amazon-corretto-devel|java-21-amazon-corretto-devel" "$(package_candidates amzn jdk)"
check "amzn procps" "procps-ng" "$(package_candidates amzn procps)"
check "rhel maven comes from Maven Central" "" "$(package_candidates rhel maven)"
check "download needs certificates" "curl ca-certificates" "$(package_candidates rhel download)"
check "unknown requirement" "1" "$(package_candidates debian nonsense >/dev/null && echo 0 || echo 1)"
for family in debian rhel fedora amzn; do
  for requirement in browser xvfb fonts emoji-fonts procps jdk jre download; do
    check "$family $requirement has packages" "yes" "$([[ -n $(package_candidates "$family" "$requirement") ]] && echo yes || echo no)"
  done
done

check "3.8.7 >= 3.8" "yes" "$(version_ge 3.8.7 3.8 && echo yes || echo no)"
check "3.10.0 >= 3.8" "yes" "$(version_ge 3.10.0 3.8 && echo yes || echo no)"
check "3.6.3 >= 3.8" "no" "$(version_ge 3.6.3 3.8 && echo yes || echo no)"
check "3.8 >= 3.8" "yes" "$(version_ge 3.8 3.8 && echo yes || echo no)"

check "openjdk 17" "17" "$(java_major_of 'openjdk version "17.0.15" 2025-04-15')"
check "java 8" "8" "$(java_major_of 'java version "1.8.0_292"')"
check "java 21 bare" "21" "$(java_major_of 'openjdk version "21" 2023-09-19')"
check "javac" "17" "$(java_major_of 'javac 17.0.15')"
check "JAVA_TOOL_OPTIONS noise" "11" "$(java_major_of $'Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "11.0.2" 2019-01-15')"
check "no java" "1" "$(java_major_of 'bash: java: command not found' >/dev/null && echo 0 || echo 1)"
check "maven with colours" "3.8.7" "$(maven_version_of $'\e[1mApache Maven 3.8.7\e[m\nMaven home: /usr/share/maven')"
check "maven 3.9.11" "3.9.11" "$(maven_version_of 'Apache Maven 3.9.11 (3e54c93a704957b63ee3494413a2b544fd3d825b)')"

echo "detect-distro: $((checks - failures))/$checks checks passed"
((failures == 0))
