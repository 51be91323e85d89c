#!/usr/bin/env bash
# Estimates how narrowband (G.711) legs are decoded with the wideband en-us model, and writes the result to
# models/narrowband/ (committed, copied beside the binary):
#   mllr_matrix  a global MLLR mean transform (SphinxTrain bw + mllr_solve), loaded with PocketSphinx -mllr;
#   cmninit      the cepstral mean of narrowband speech, the live CMN's starting point for a narrowband leg.
# The adaptation audio is synthesised here from models/narrowband/adaptation-sentences.txt (own texts, none of the
# configured phrases, no sentence of the evaluation corpus) in flite and espeak-ng voices, at 16 kHz, then sent
# through 8 kHz G.711 mu-law and back up to 16 kHz, as LegAnalysis hears a phone leg.
#
# Usage: scripts/make-narrowband-adaptation.sh            rebuild models/narrowband/{mllr_matrix,cmninit}
#        scripts/make-narrowband-adaptation.sh devset DIR  a small paired wideband/narrowband measuring set (corpus
#                                                          format) from models/narrowband/dev-sentences.txt
# Deterministic: fixed texts, voices and seeds (sox -R).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="$repo/models/narrowband"
model=/usr/share/pocketsphinx/model/en-us/en-us
dict=/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict
st=/usr/lib/sphinxtrain

need() { command -v "$1" >/dev/null 2>&1 || [[ -x "$1" ]] || { echo "missing $1: install with: sudo apt-get install -y $2" >&2; exit 1; }; }
need flite flite
need espeak-ng espeak-ng
need sox sox
need python3 python3
need sphinx_fe sphinxbase-utils
need pocketsphinx_mdef_convert pocketsphinx
need "$st/bw" sphinxtrain
need "$st/mllr_solve" sphinxtrain
[[ -f "$model/sendump" && -f "$dict" ]] || { echo "missing $model: install with: sudo apt-get install -y pocketsphinx-en-us" >&2; exit 1; }

if [[ "${1:-}" == devset ]]; then
  python3 "$here/narrowband_audio.py" devset "$out/dev-sentences.txt" "${2:?usage: $0 devset DIR}" "$repo/samples/phrases.json"
  echo "measuring set in $2/manifest.json"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$here/narrowband_audio.py" adapt "$out/adaptation-sentences.txt" "$work/audio"
mkdir -p "$work/up" "$work/mfc" "$work/acc"
while read -r id; do
  # The phone leg as LegAnalysis brings it to 16 kHz: nothing above ~3.6 kHz (PolyphaseResampler's pass band).
  sox -R "$work/audio/nb/$id.wav" -r 16000 "$work/up/$id.wav" rate -b 90
done < "$work/audio/adapt.fileids"

# The front end of the model's feat.params (sphinx_fe takes only the signal-processing part of it).
sphinx_fe -lowerf 130 -upperf 6800 -nfilt 25 -transform dct -lifter 22 -samprate 16000 -dither no \
  -c "$work/audio/adapt.fileids" -di "$work/up" -do "$work/mfc" -ei wav -eo mfc -mswav yes >"$work/fe.log" 2>&1

python3 - "$work/mfc" "$out/cmninit" <<'PY'
import glob, struct, sys
total, count = [0.0] * 13, 0
for path in sorted(glob.glob(sys.argv[1] + "/*.mfc")):
    data = open(path, "rb").read()
    order = "<" if struct.unpack("<i", data[:4])[0] * 4 + 4 == len(data) else ">"
    n = struct.unpack(order + "i", data[:4])[0]
    values = struct.unpack(order + "%df" % n, data[4:4 + 4 * n])
    for i in range(0, n, 13):
        for k in range(13):
            total[k] += values[i + k]
        count += 1
open(sys.argv[2], "w").write(",".join("%.2f" % (t / count) for t in total) + "\n")
PY

# bw needs a text mdef and mixture weights; the Debian model has a binary mdef and only the quantised sendump.
pocketsphinx_mdef_convert -text "$model/mdef" "$work/mdef.txt" >"$work/mdef.log" 2>&1
python3 "$here/sendump_to_mixw.py" "$model/sendump" "$work/mixture_weights"

# Batch CMN per utterance: the live CMN of a narrowband leg starts from cmninit above, close to the same mean.
"$st/bw" -moddeffn "$work/mdef.txt" -ts2cbfn .ptm. -meanfn "$model/means" -varfn "$model/variances" \
  -mixwfn "$work/mixture_weights" -tmatfn "$model/transition_matrices" \
  -feat 1s_c_d_dd -svspec 0-12/13-25/26-38 -cmn current -agc none -varnorm no \
  -dictfn "$dict" -fdictfn "$model/noisedict" -ctlfn "$work/audio/adapt.fileids" -lsnfn "$work/audio/adapt.transcription" \
  -cepdir "$work/mfc" -cepext mfc -accumdir "$work/acc" >"$work/bw.log" 2>&1 || { tail -20 "$work/bw.log" >&2; exit 1; }
"$st/mllr_solve" -meanfn "$model/means" -varfn "$model/variances" -outmllrfn "$out/mllr_matrix" \
  -accumdir "$work/acc" >"$work/mllr.log" 2>&1 || { tail -20 "$work/mllr.log" >&2; exit 1; }

echo "wrote $out/mllr_matrix and $out/cmninit ($(wc -l < "$work/audio/adapt.fileids") utterances)"
