#!/usr/bin/env python3
"""Synthesises sentence lists in several voices and builds paired wideband / G.711 narrowband legs.

Used by scripts/make-narrowband-adaptation.sh (adaptation data for the MLLR transform, and a small
paired measuring set in the corpus format of docs CORPUS-FORMAT). Deterministic: fixed voices, fixed
texts, fixed noise seed.
"""
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import wave

RATE = 16000
# flite voices plus espeak-ng variants: "flite:NAME" or "espeak:VOICE".
VOICES = ["flite:kal", "flite:slt", "flite:rms", "flite:awb", "espeak:en-us", "espeak:en-gb+f3"]
GAP_SECONDS = 0.8


def run(*args):
    if args[0] == "sox":
        # -R: repeatable dither, so a re-run gives the same audio and the same transform.
        args = ("sox", "-R") + tuple(args[1:])
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def synthesise(voice, text, path16k, work):
    kind, name = voice.split(":", 1)
    raw = os.path.join(work, "raw.wav")
    if kind == "flite":
        run("flite", "-voice", name, "-t", text, "-o", raw)
    else:
        run("espeak-ng", "-v", name, "-s", "150", "-w", raw, text)
    run("sox", raw, "-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed-integer", path16k)


def read_pcm(path):
    with wave.open(path, "rb") as w:
        assert w.getframerate() == RATE and w.getsampwidth() == 2 and w.getnchannels() == 1
        data = w.readframes(w.getnframes())
    return list(struct.unpack("<%dh" % (len(data) // 2), data))


def write_pcm(path, samples, rate=RATE):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(struct.pack("<%dh" % len(samples), *samples))


def narrowband(wide, narrow8k):
    """16 kHz -> 8 kHz -> G.711 mu-law -> 8 kHz PCM16, as a phone leg arrives."""
    with tempfile.TemporaryDirectory() as work:
        ulaw = os.path.join(work, "ulaw.wav")
        run("sox", wide, "-r", "8000", "-e", "u-law", "-b", "8", ulaw)
        run("sox", ulaw, "-e", "signed-integer", "-b", "16", narrow8k)


def build_legs(sentences, phrases, out, prefix):
    """One leg per voice: the sentences with pauses of a faint noise floor; returns manifest items."""
    rng = random.Random(20261123)
    items_wide, items_narrow = [], []
    os.makedirs(os.path.join(out, "wb"), exist_ok=True)
    os.makedirs(os.path.join(out, "nb"), exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for voice in VOICES:
            tag = voice.split(":", 1)[1].replace("+", "-")
            samples, occurrences = [], []
            for text in sentences:
                gap = [rng.randint(-24, 24) for _ in range(int(GAP_SECONDS * RATE))]
                samples.extend(gap)
                path = os.path.join(work, "s.wav")
                synthesise(voice, text, path, work)
                start = len(samples) / RATE
                samples.extend(read_pcm(path))
                end = len(samples) / RATE
                for phrase in phrases:
                    if phrase in text:
                        occurrences.append({"text": phrase, "start": round(start, 3), "end": round(end, 3)})
            samples.extend(rng.randint(-24, 24) for _ in range(int(GAP_SECONDS * RATE)))
            wide = os.path.join(out, "wb", f"{prefix}-{tag}.wav")
            narrow = os.path.join(out, "nb", f"{prefix}-{tag}.wav")
            write_pcm(wide, samples)
            narrowband(wide, narrow)
            duration = round(len(samples) / RATE, 3)
            for items, path in ((items_wide, wide), (items_narrow, narrow)):
                items.append({"file": os.path.relpath(path, out), "durationSeconds": duration, "voice": tag,
                              "phrases": occurrences})
    return items_wide, items_narrow


def main():
    mode, sentences_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    sentences = [line.strip() for line in open(sentences_path, encoding="utf-8") if line.strip()]
    os.makedirs(out, exist_ok=True)
    if mode == "devset":
        phrase_list = json.load(open(sys.argv[4], encoding="utf-8"))
        texts = [p["Text"].lower() for p in phrase_list]
        wide, narrow = build_legs(sentences, texts, out, "dev")
        manifest = {"version": 1, "generator": "scripts/make-narrowband-adaptation.sh devset", "sets": [
            {"name": "narrowband-dev-wideband", "band": "wideband", "description": "own paired set, 16 kHz",
             "phrases": phrase_list, "items": wide},
            {"name": "narrowband-dev-ulaw", "band": "narrowband", "description": "own paired set, G.711 mu-law 8 kHz",
             "phrases": phrase_list, "items": narrow}]}
        with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=1)
    elif mode == "adapt":
        # One file per sentence and voice, with its transcript, for sphinx_fe and bw.
        rng = random.Random(7)
        os.makedirs(os.path.join(out, "wb"), exist_ok=True)
        os.makedirs(os.path.join(out, "nb"), exist_ok=True)
        ids, transcripts = [], []
        with tempfile.TemporaryDirectory() as work:
            for voice in VOICES:
                tag = voice.split(":", 1)[1].replace("+", "-")
                for n, text in enumerate(sentences):
                    uid = f"{tag}-{n:03d}"
                    path = os.path.join(work, "s.wav")
                    synthesise(voice, text, path, work)
                    pad = [rng.randint(-24, 24) for _ in range(int(0.3 * RATE))]
                    wide = os.path.join(out, "wb", uid + ".wav")
                    write_pcm(wide, pad + read_pcm(path) + pad)
                    narrowband(wide, os.path.join(out, "nb", uid + ".wav"))
                    ids.append(uid)
                    transcripts.append(f"<s> {text} </s> ({uid})")
        with open(os.path.join(out, "adapt.fileids"), "w") as f:
            f.write("\n".join(ids) + "\n")
        with open(os.path.join(out, "adapt.transcription"), "w") as f:
            f.write("\n".join(transcripts) + "\n")
    else:
        raise SystemExit("usage: narrowband_audio.py devset|adapt SENTENCES OUT [PHRASES.json]")


if __name__ == "__main__":
    main()
