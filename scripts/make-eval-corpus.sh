#!/usr/bin/env bash
# Builds the labelled evaluation corpus for `edgecc eval`: manifest.json plus mono WAV files (format:
# docs in scripts/make-eval-corpus.py and schemas/eval-corpus.schema.json). Scripted call-center dialogues
# (eval/dialogues/*.txt) in flite and espeak-ng voices, each phrase synthesised as its own chunk so its time
# is exact; then G.722, G.711 and noisy versions; plus the real recordings of ../shared/testdata/speech.
# Deterministic: same inputs, same bytes.
#
# Usage: scripts/make-eval-corpus.sh [--out DIR] [--minutes N] [--sets LIST] [--jobs N]
#   --out DIR      where the corpus goes (default eval/corpus); replaced as a whole when done
#   --minutes N    audio per synthetic set (default: every dialogue side once, about 25 min)
#   --sets LIST    comma-separated set names (default: all)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
missing=()
for tool in flite espeak-ng sox ffmpeg /usr/bin/python3; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[[ -f /usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict ]] || missing+=(pocketsphinx-en-us)
if ((${#missing[@]})); then
  pkgs="${missing[*]}"
  pkgs="${pkgs//\/usr\/bin\/python3/python3}"
  echo "missing: ${missing[*]}" >&2
  echo "install with: sudo apt-get install -y $pkgs" >&2
  exit 1
fi
for v in slt rms awb kal kal16; do
  flite -lv | grep -qw "$v" || { echo "flite voice $v missing; install with: sudo apt-get install -y flite" >&2; exit 1; }
done
exec /usr/bin/python3 "$here/make-eval-corpus.py" "$@"
