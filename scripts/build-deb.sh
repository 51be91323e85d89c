#!/usr/bin/env bash
# Builds the edgecc Debian packages: scripts/build-deb.sh [amd64] [arm64] [--out DIR]
# (default: both architectures into artifacts/deb). Each is a self-contained .NET publish for
# linux-x64 / linux-arm64 (the runtime packs restore from NuGet), installed to /usr/lib/edgecc
# with a /usr/bin/edgecc symlink, plus the systemd unit, the udev rules and the commented
# default configuration /etc/edgecc/edgecc.json (a conffile, kept on upgrade).
#
# Not trimmed: PublishTrimmed=true fails the build here with trim-analysis errors (IL2026,
# IL2075, IL2091, SYSLIB1104) in configuration binding and DataAnnotations validation, and
# LiteDB's BsonMapper maps documents by reflection that no annotation describes, so a trimmed
# build would lose members at run time without a build error. Cost: ~117 MB installed
# instead of roughly half that.
#
# The publish runs on a copy of the sources (EDGECC_DEB_WORK, default /tmp/edgecc-deb-work) so
# a RID-specific restore never touches the worktree's obj/ folders that builds and tests use.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/artifacts/deb"
arches=()
while [ $# -gt 0 ]; do
  case "$1" in
    amd64|arm64) arches+=("$1") ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "build-deb.sh: unknown argument '$1' (amd64, arm64, --out DIR)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#arches[@]} -gt 0 ] || arches=(amd64 arm64)

for tool in dotnet dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "build-deb.sh: $tool is missing (apt-get install -y ${tool/dpkg-deb/dpkg})" >&2; exit 1; }
done

version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/src/EdgeAgent/EdgeAgent.csproj" | head -n1)"
[ -n "$version" ] || { echo "build-deb.sh: no <Version> in src/EdgeAgent/EdgeAgent.csproj" >&2; exit 1; }

work="${EDGECC_DEB_WORK:-/tmp/edgecc-deb-work}"
mkdir -p "$work/src" "$out"
# Fresh sources, but the copy's obj/ folders stay so a second run restores and compiles incrementally.
find "$work/src" -name obj -prune -o -type f -print0 | xargs -0r rm -f
tar -C "$repo" --exclude=bin --exclude=obj -cf - src samples models Directory.Build.props Directory.Packages.props .editorconfig \
  | tar -C "$work/src" -xf -

for arch in "${arches[@]}"; do
  case "$arch" in amd64) rid=linux-x64 ;; arm64) rid=linux-arm64 ;; esac
  root="$work/root-$arch"
  rm -rf "$root"
  mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/lib/systemd/system" "$root/usr/lib/udev/rules.d" \
    "$root/etc/edgecc" "$root/usr/share/doc/edgecc"

  dotnet publish "$work/src/src/EdgeAgent/EdgeAgent.csproj" -c Release -r "$rid" --self-contained \
    -p:PublishTrimmed=false -p:DebugType=none -p:DebugSymbols=false --nologo -v quiet \
    -o "$root/usr/lib/edgecc"

  ln -s ../lib/edgecc/edgecc "$root/usr/bin/edgecc"
  install -m 0644 "$repo/deploy/systemd/edgecc.service" "$root/usr/lib/systemd/system/edgecc.service"
  install -m 0644 "$repo/deploy/udev/60-edgecc.rules" "$root/usr/lib/udev/rules.d/60-edgecc.rules"
  install -m 0640 "$repo/deploy/edgecc.example.jsonc" "$root/etc/edgecc/edgecc.json"
  install -m 0644 "$repo/deploy/README.md" "$repo/deploy/edgecc.example.jsonc" "$root/usr/share/doc/edgecc/"
  printf 'EdgeCc %s. Third-party components: see /usr/lib/edgecc/*.deps.json.\n' "$version" > "$root/usr/share/doc/edgecc/copyright"
  install -m 0644 "$repo/deploy/debian/conffiles" "$root/DEBIAN/conffiles"
  install -m 0755 "$repo/deploy/debian/postinst" "$repo/deploy/debian/prerm" "$repo/deploy/debian/postrm" "$root/DEBIAN/"

  size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    "$repo/deploy/debian/control.in" > "$root/DEBIAN/control"

  deb="$out/edgecc_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zxz -z1 --build "$root" "$deb" >/dev/null
  echo "$deb"
done
