#!/bin/sh
# Reference word times for the LibriVox test recordings of pocketsphinx-testdata: a forced alignment of each
# file's transcription by the real PocketSphinx CLI (a one-sentence JSGF grammar), 10 ms frames.
# Output: librivox-alignment.tsv (file, word, start_s, end_s). Needs: pocketsphinx pocketsphinx-testdata.
set -eu
data=/usr/share/pocketsphinx/test/data/librivox
out=$(dirname "$0")/librivox-alignment.tsv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'file\tword\tstart_s\tend_s\n' > "$out"
sed -e 's/^<s> //' -e 's/ <\/s> (\(.*\))$/\t\1/' "$data/transcription" | while IFS="$(printf '\t')" read -r text id; do
    printf '#JSGF V1.0;\ngrammar utt;\npublic <utt> = %s;\n' "$text" > "$tmp/utt.gram"
    pocketsphinx_continuous -infile "$data/$id.wav" -jsgf "$tmp/utt.gram" -time yes -logfn /dev/null 2>/dev/null \
        | awk -v id="$id" 'NF == 4 && $1 !~ /^(<s>|<\/s>|<sil>|\[)/ { w = $1; sub(/\([0-9]+\)$/, "", w); printf "%s\t%s\t%s\t%s\n", id, w, $2, $3 }' >> "$out"
done
