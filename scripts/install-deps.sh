#!/usr/bin/env bash
# Installs the Debian / Raspberry Pi OS packages EdgeCc needs. Idempotent.
#   scripts/install-deps.sh demo    what `demo` needs at run time
#   scripts/install-deps.sh test    what the test suite's real peers need
set -euo pipefail

profile="${1:-demo}"
demo_packages=(libpocketsphinx3 pocketsphinx-en-us libpcap0.8 libasound2)
test_packages=("${demo_packages[@]}" pocketsphinx pocketsphinx-testdata flite sox
  mosquitto mosquitto-clients tshark ffmpeg openssl)
# The labelled evaluation corpus (scripts/make-eval-corpus.sh) speaks its dialogues in espeak-ng voices too.
test_packages+=(espeak-ng)
# Live SIP calls over loopback for the capture tests: two baresip user agents (g711, g722, aufile).
test_packages+=(baresip-core)
# The wallboard's browser tests: Playwright's bundled node driver runs Debian's chromium (no browser download).
test_packages+=(chromium)
# Payload schemas are checked with python3-jsonschema; the unit and package tests need systemd-analyze,
# udevadm, dpkg's helpers and setpriv.
test_packages+=(python3-jsonschema systemd udev init-system-helpers util-linux passwd fakeroot)

case "$profile" in
  demo) packages=("${demo_packages[@]}") ;;
  test) packages=("${test_packages[@]}") ;;
  *) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  echo "Installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
