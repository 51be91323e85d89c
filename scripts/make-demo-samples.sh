#!/usr/bin/env bash
# Generates the demo calls in samples/: stereo WAV (channel 0 = agent, channel 1 = customer),
# 16 kHz G.711 mu-law (format tag 7), plus samples/calls.json with where every configured
# phrase (samples/phrases.json) was spoken. Re-running gives the same files.
#
# Usage: scripts/make-demo-samples.sh [output-dir]   (default: samples/ next to this script)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../samples}"
out="$(cd "$out" && pwd)"
phrases="$out/phrases.json"

missing=()
for tool in flite sox soxi jq awk; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  declare -A pkgs=()
  for t in "${missing[@]}"; do
    case "$t" in
      soxi) pkgs[sox]=1 ;;
      awk) pkgs[gawk]=1 ;;
      *) pkgs[$t]=1 ;;
    esac
  done
  echo "missing: ${missing[*]}" >&2
  echo "install with: sudo apt-get install -y ${!pkgs[*]}" >&2
  exit 1
fi
for v in slt rms awb kal16; do
  flite -lv | grep -qw "$v" || { echo "flite voice $v missing; install with: sudo apt-get install -y flite" >&2; exit 1; }
done
[[ -f "$phrases" ]] || { echo "$phrases not found" >&2; exit 1; }

rate=16000
# Speech is kept this far from the clip edges when flite's own leading/trailing pause is cut.
edge=0.12
# A faint pink-noise floor, as on a real line; also keeps PocketSphinx's energy VAD and live CMN
# away from runs of digital zero, which no real call has.
noise_db="${NOISE_DB:-42}"
# Silence after the last word: PocketSphinx only reports a keyword some frames after it ends.
tail_silence=0.4
# mu-law (G.711, WAV format tag 7) is what ships; ENCODING=pcm16 is for measuring what it costs.
case "${ENCODING:-mulaw}" in
  mulaw) encoding=(-e u-law -b 8) ;;
  pcm16) encoding=(-e signed -b 16) ;;
  *) echo "ENCODING must be mulaw or pcm16" >&2; exit 1 ;;
esac

# -R seeds sox's noise generator and dither with a fixed number, so a re-run gives the same bytes.
# SAMPLES_RANDOM=1 drops it, to measure how much detection depends on the exact noise.
sox() {
  if [[ -n "${SAMPLES_RANDOM:-}" ]]; then command sox "$@"; else command sox -R "$@"; fi
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Words as the matcher sees them: lower case, apostrophes kept, other punctuation dropped.
words_of() { tr 'A-Z' 'a-z' <<<"$1" | tr -c "a-z'\n" ' ' | awk '{ $1 = $1; print }'; }

# Phone count flite gives one word (cached per voice); used to find word boundaries in -psdur.
declare -A phone_count
phones_of_word() { # voice word
  local key="$1/$2"
  if [[ -z "${phone_count[$key]:-}" ]]; then
    phone_count[$key]="$(flite -voice "$1" -ps -t "$2" -o none | tr ' ' '\n' | grep -cvE '^(pau|)$')"
  fi
  printf '%s' "${phone_count[$key]}"
}

# synth VOICE TEXT NAME -> $work/NAME.wav (16 kHz mono, trimmed, -3 dBFS peak) and
# $work/NAME.words ("word start end" per line, seconds from the clip start).
synth() {
  local voice="$1" text="$2" name="$3"
  flite -voice "$voice" -psdur -t "$text" -o "$work/$name.raw.wav" >"$work/$name.seg"
  local counts=() w
  for w in $(words_of "$text"); do counts+=("$(phones_of_word "$voice" "$w")"); done
  # Segments are "phone:end" in order; word i owns the next counts[i] non-pause phones.
  tr ' ' '\n' <"$work/$name.seg" | grep -v '^$' | awk -F: -v counts="${counts[*]}" -v words="$(words_of "$text")" -v edge="$edge" '
    BEGIN { n = split(counts, c, " "); split(words, wd, " "); wi = 1; left = c[1]; prev = 0 }
    {
      ph = $1; t = $2 + 0
      if (ph == "pau") { prev = t; next }
      if (first == "") first = prev
      if (left == c[wi]) ws = prev
      left--; last = t
      if (left == 0) { s[wi] = ws; e[wi] = t; wi++; left = c[wi] }
      prev = t
    }
    END {
      hi = last + edge; if (hi > prev - 0.01) hi = prev - 0.01
      if (wi != n + 1) { print "word/phone mismatch" > "/dev/stderr"; exit 1 }
      lo = first - edge; if (lo < 0) lo = 0
      printf "TRIM %.3f %.3f\n", lo, hi - lo
      for (i = 1; i <= n; i++) printf "%s %.3f %.3f\n", wd[i], s[i] - lo, e[i] - lo
    }' >"$work/$name.words"
  local trim_start trim_len
  read -r _ trim_start trim_len < <(head -1 "$work/$name.words")
  sed -i 1d "$work/$name.words"
  # -V1: flite's last segment end can pass its last sample by a few ms; trim then just stops there.
  sox -V1 "$work/$name.raw.wav" -r "$rate" -c 1 -b 16 "$work/$name.wav" trim "$trim_start" "$trim_len" gain -n -3
}

# make_call FILE CALL_ID AGENT_ID DESCRIPTION < turns
# Turn lines: LEG|VOICE|GAP|TEXT, LEG agent or customer, GAP seconds from the end of the
# previous turn to the start of this one (negative: the speakers overlap).
make_call() {
  local file="$1" call_id="$2" agent_id="$3" desc="$4"
  local t=0 i=0 leg voice gap text
  local -A cursor=([agent]=0 [customer]=0)
  local -A parts=([agent]="" [customer]="")
  : >"$work/turns.jsonl"
  : >"$work/phrases.jsonl"
  while IFS='|' read -r leg voice gap text; do
    [[ -z "$leg" || "$leg" == \#* ]] && continue
    i=$((i + 1))
    local name="$call_id-$i"
    synth "$voice" "$text" "$name"
    local dur start
    dur="$(soxi -D "$work/$name.wav")"
    start="$(awk -v t="$t" -v g="$gap" 'BEGIN { s = t + g; if (s < 0) s = 0; printf "%.3f", s }')"
    # Fill this leg's channel with silence up to the turn, then the turn itself.
    local sil
    sil="$(awk -v s="$start" -v c="${cursor[$leg]}" 'BEGIN { printf "%.3f", s - c }')"
    if awk -v x="$sil" 'BEGIN { exit !(x < -0.0005) }'; then
      echo "$file: turn $i overlaps the previous $leg turn" >&2; exit 1
    fi
    sox -n -r "$rate" -c 1 -b 16 "$work/$name.sil.wav" trim 0 "$sil"
    parts[$leg]+=" $work/$name.sil.wav $work/$name.wav"
    cursor[$leg]="$(awk -v s="$start" -v d="$dur" 'BEGIN { printf "%.3f", s + d }')"
    t="${cursor[$leg]}"
    local legname
    legname="$(tr 'a-z' 'A-Z' <<<"${leg:0:1}")${leg:1}"
    jq -cn --arg leg "$legname" --arg voice "$voice" --arg text "$text" \
      --argjson s "$start" --argjson e "$t" \
      '{Leg: $leg, Voice: $voice, Start: $s, End: $e, Text: $text}' >>"$work/turns.jsonl"
    # Every configured phrase whose words occur in this turn, with the spoken words' times.
    local p
    while IFS= read -r p; do
      awk -v phrase="$(words_of "$p")" -v text="$p" -v off="$start" -v leg="$legname" '
        { w[NR] = $1; s[NR] = $2; e[NR] = $3 }
        END {
          m = split(phrase, pw, " ")
          for (i = 1; i + m - 1 <= NR; i++) {
            ok = 1
            for (j = 1; j <= m; j++) if (w[i + j - 1] != pw[j]) { ok = 0; break }
            if (ok) printf "{\"Text\":\"%s\",\"Leg\":\"%s\",\"Start\":%.2f,\"End\":%.2f}\n", text, leg, off + s[i], off + e[i + m - 1]
          }
        }' "$work/$name.words" >>"$work/phrases.jsonl"
    done < <(jq -r '.[].Text' "$phrases")
  done

  local total leg2
  total="$(awk -v t="$t" -v l="$tail_silence" 'BEGIN { printf "%.3f", t + l }')"
  for leg2 in agent customer; do
    local tail
    tail="$(awk -v a="$total" -v c="${cursor[$leg2]}" 'BEGIN { printf "%.3f", a - c }')"
    sox -n -r "$rate" -c 1 -b 16 "$work/tail-$leg2.wav" trim 0 "$tail"
    # shellcheck disable=SC2086 # parts is a space-separated list of our own temp paths
    sox ${parts[$leg2]} "$work/tail-$leg2.wav" "$work/$leg2.voice.wav"
    sox -n -r "$rate" -c 1 -b 16 "$work/$leg2.noise.wav" synth "$total" pinknoise gain "-$noise_db"
    # sox -m halves each input: speech ends at about -9 dBFS peak (a usual telephone level) and
    # the floor at about -61 dBFS RMS.
    sox -m "$work/$leg2.voice.wav" "$work/$leg2.noise.wav" "$work/$leg2.wav"
  done
  # sox -M puts the first input on channel 0 (agent), the second on channel 1 (customer).
  sox -M "$work/agent.wav" "$work/customer.wav" "${encoding[@]}" "$out/$file"
  jq -cn --arg file "$file" --arg id "$call_id" --arg agent "$agent_id" --arg desc "$desc" \
    --argjson dur "$(soxi -D "$out/$file")" \
    --slurpfile turns "$work/turns.jsonl" --slurpfile ph "$work/phrases.jsonl" \
    '{File: $file, CallId: $id, AgentId: $agent, Description: $desc,
      DurationSeconds: ($dur * 100 | round / 100), Phrases: ($ph | sort_by(.Start)),
      Turns: ($turns | map(.Start |= (. * 100 | round / 100) | .End |= (. * 100 | round / 100)))}' \
    >>"$work/calls.jsonl"
  echo "made $out/$file ($(soxi -d "$out/$file"))" >&2
}

: >"$work/calls.jsonl"

make_call call-escalation.wav demo-call-0001 1001 \
  "Angry customer asks for a manager and threatens to leave; the agent apologises." <<'EOF'
agent|slt|0.25|Thank you for calling.
customer|rms|0.25|This is ridiculous. I want to speak to a manager.
agent|slt|0.25|I apologize.
customer|rms|-0.15|What the hell. Just cancel my account.
EOF

make_call call-login.wav demo-call-0002 1002 \
  "Customer cannot log in and needs a password reset; the agent checks identity first." <<'EOF'
agent|awb|0.25|This call may be recorded.
customer|slt|0.25|I can't log in. I need a password reset.
agent|awb|0.25|First, I need to verify your identity.
EOF

make_call call-courtesy.wav demo-call-0003 1003 \
  "A calm billing question with courtesy phrases only." <<'EOF'
agent|slt|0.25|Thank you for calling.
customer|kal16|0.25|Just checking my bill.
agent|slt|0.25|It is paid. Have a nice day.
EOF

jq -s '.' "$work/calls.jsonl" >"$out/calls.json"
echo "wrote $out/calls.json" >&2
