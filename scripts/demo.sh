#!/usr/bin/env bash
# The demo on a fresh machine: installs what it needs, then plays the bundled sample calls
# through the whole pipeline. Extra arguments go to `edgecc demo` (e.g. --speed 1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh demo
dotnet run --project src/EdgeAgent -c Release -- demo "$@"
