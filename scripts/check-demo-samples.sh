#!/usr/bin/env bash
# Checks the demo calls with the real PocketSphinx CLI: every phrase listed in
# samples/calls.json must be spotted on its leg near its expected time, and no configured
# phrase may fire anywhere it was not spoken. Prints one table row per expected or found phrase.
#
# Usage: scripts/check-demo-samples.sh [samples-dir]   exit 0 = all good, 1 = a miss or false alarm
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$(cd "${1:-$here/../samples}" && pwd)"
model="${POCKETSPHINX_MODEL:-/usr/share/pocketsphinx/model/en-us/en-us}"
dict="${POCKETSPHINX_DICT:-/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict}"
# A detection counts when its start is this close to the expected start (the expected times
# come from flite's own segment durations; PocketSphinx reports 10 ms frames).
tolerance="${TOLERANCE:-0.5}"
# Extra decoder options, e.g. POCKETSPHINX_ARGS="-beam 1e-80" to try what an engine would set.
read -r -a extra_args <<<"${POCKETSPHINX_ARGS:-}"

missing=()
for tool in sox jq awk column pocketsphinx_continuous; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "missing: ${missing[*]}" >&2
  echo "install with: sudo apt-get install -y sox jq gawk bsdextrautils pocketsphinx pocketsphinx-en-us" >&2
  exit 1
fi
if [[ ! -f "$model/mdef" || ! -f "$dict" ]]; then
  echo "PocketSphinx en-us model not found; install with: sudo apt-get install -y pocketsphinx-en-us" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Keyword list and a dictionary with just the phrases' words (alternate pronunciations too).
jq -r '.[] | "\(.Text | ascii_downcase) /1e\(.Threshold)/"' "$dir/phrases.json" >"$work/phrases.kws"
jq -r '.[].Text | ascii_downcase | split(" ")[]' "$dir/phrases.json" | sort -u >"$work/words"
awk 'NR == FNR { want[$1] = 1; next } { w = $1; sub(/\([0-9]+\)$/, "", w); if (w in want) { print; got[w] = 1 } }
     END { for (w in want) if (!(w in got)) { print "not in dictionary: " w > "/dev/stderr"; bad = 1 } exit bad }' \
  "$work/words" "$dict" >"$work/small.dict"

: >"$work/rows"
fail=0
# Two ways an engine may feed a leg: "vad" lets PocketSphinx cut utterances at silences (its
# default; live CMN is re-estimated at every cut), "whole" keeps the leg one utterance, as a
# streaming keyword spotter does. The samples must pass both.
declare -A mode_args=([vad]="" [whole]="-remove_silence no")
while IFS=$'\t' read -r file call; do
  for leg in Agent Customer; do
    channel=1; [[ "$leg" == Customer ]] && channel=2
    sox "$dir/$file" -t raw -r 16000 -e signed -b 16 -c 1 "$work/leg.raw" remix "$channel"
    jq -r --arg f "$file" --arg leg "$leg" \
      '.[] | select(.File == $f) | .Phrases[] | select(.Leg == $leg) | "\(.Text | ascii_downcase)\t\(.Start)\t\(.End)"' \
      "$dir/calls.json" >"$work/expected"
    for mode in vad whole; do
      # Keyword lines are "<phrase> <start> <end> <score>"; hypothesis lines have no numbers.
      # shellcheck disable=SC2086 # mode_args holds separate options
      pocketsphinx_continuous -infile "$work/leg.raw" -hmm "$model" -dict "$work/small.dict" \
        -kws "$work/phrases.kws" -time yes -logfn /dev/null ${mode_args[$mode]} "${extra_args[@]}" |
        awk '$(NF) ~ /^[0-9.]+$/ && $(NF-1) ~ /^[0-9.]+$/ && $(NF-2) ~ /^[0-9.]+$/ {
               t = $1; for (i = 2; i <= NF - 3; i++) t = t " " $i; print t "\t" $(NF-2) "\t" $(NF-1) }' |
        sort -t$'\t' -k2,2n >"$work/found"
      # Pair each expected phrase with the nearest unused detection of the same text.
      awk -F'\t' -v call="$call" -v leg="$leg" -v tol="$tolerance" -v mode="$mode" '
        FILENAME == ARGV[1] { nf++; ft[nf] = $1; fs[nf] = $2; fe[nf] = $3; next }
        {
          best = 0
          for (i = 1; i <= nf; i++) {
            if (used[i] || ft[i] != $1) continue
            d = fs[i] - $2; if (d < 0) d = -d
            if (d <= tol && (best == 0 || d < bd)) { best = i; bd = d }
          }
          if (best) { used[best] = 1; printf "%s\t%s\t%s\t%.2f-%.2f\t%s\t%.2f-%.2f\tok\n", call, $1, leg, $2, $3, mode, fs[best], fe[best] }
          else printf "%s\t%s\t%s\t%.2f-%.2f\t%s\t-\tMISSED\n", call, $1, leg, $2, $3, mode
        }
        END { for (i = 1; i <= nf; i++) if (!used[i]) printf "%s\t%s\t%s\t-\t%s\t%.2f-%.2f\tFALSE ALARM\n", call, ft[i], leg, mode, fs[i], fe[i] }
      ' "$work/found" "$work/expected" >>"$work/rows"
    done
  done
done < <(jq -r '.[] | "\(.File)\t\(.CallId)"' "$dir/calls.json")

# One line per expected phrase with both modes side by side; false alarms on lines of their own.
awk -F'\t' '
  BEGIN { OFS = "\t"; print "call", "phrase", "leg", "expected (s)", "found, vad (s)", "found, whole (s)", "result" }
  $4 == "-" { fa[++nfa] = $1 OFS $2 OFS $3 OFS "-" OFS ($5 == "vad" ? $6 OFS "-" : "-" OFS $6) OFS "FALSE ALARM (" $5 ")"; next }
  {
    k = $1 OFS $2 OFS $3 OFS $4
    if (!(k in seen)) { seen[k] = 1; order[++n] = k }
    found[k, $5] = $6
    if ($7 != "ok") bad[k] = bad[k] (bad[k] ? ", " : "") $7 " (" $5 ")"
  }
  END {
    for (i = 1; i <= n; i++) { k = order[i]; print k, found[k, "vad"], found[k, "whole"], (k in bad) ? bad[k] : "ok" }
    for (i = 1; i <= nfa; i++) print fa[i]
  }' "$work/rows" | column -t -s$'\t'

ok="$(grep -c $'\tok$' "$work/rows" || true)"
bad="$(grep -cv $'\tok$' "$work/rows" || true)"
echo
echo "$ok detection(s) where a phrase was spoken (both modes), $bad miss(es) or false alarm(s)"
((bad == 0)) || fail=1
exit "$fail"
