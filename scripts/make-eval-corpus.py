#!/usr/bin/python3
"""Builds the labelled evaluation corpus (format: manifest.json + mono WAV files) for `edgecc eval`.

Run it through scripts/make-eval-corpus.sh, which checks the tools first. Deterministic: the texts are
eval/dialogues/*.txt, every random choice comes from a fixed seed, sox runs with -R and no dither, and the
WAV files are written here with a plain 44-byte header, so the same inputs give the same bytes.
"""
import argparse
import array
import concurrent.futures
import glob
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
import wave

with warnings.catch_warnings():
    # audioop (C) is ~100x faster than the same loops in Python; Debian 12 and Pi OS 12 ship Python 3.11.
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

GENERATOR = "scripts/make-eval-corpus.sh 1"
SEED = 20261123
WB = 16000
NB = 8000

# (name, engine, engine voice). flite's kal is an 8 kHz diphone voice, the others 16 kHz; espeak-ng
# renders at 22.05 kHz. Every item is resampled to 16 kHz once, after assembly.
VOICES = [
    ("slt", "flite", "slt"),
    ("espeak-en-us", "espeak", "en-us"),
    ("rms", "flite", "rms"),
    ("espeak-en-f3", "espeak", "en+f3"),
    ("kal16", "flite", "kal16"),
    ("espeak-en-gb", "espeak", "en-gb"),
    ("awb", "flite", "awb"),
    ("espeak-en-m3", "espeak", "en+m3"),
    ("kal", "flite", "kal"),
    ("espeak-en-us-f2", "espeak", "en-us+f2"),
]

SYNTHETIC_SETS = {
    "synthetic-wideband-clean": ("wideband", "wb-clean",
                                 "scripted call-center dialogues, one speaker per file, {voices} TTS voices, 16 kHz PCM16 with a -70 dBFS noise floor"),
    "synthetic-wideband-g722": ("wideband", "wb-g722",
                                "the clean set through a G.722 64 kbit/s round trip (ffmpeg), 16 kHz"),
    "synthetic-wideband-noisy": ("wideband", "wb-noisy",
                                 "the clean set with seeded pink or brown noise at 15 dB SNR (speech RMS) plus mains hum on half the files, 16 kHz"),
    "synthetic-narrowband-ulaw": ("narrowband", "nb-ulaw",
                                  "the clean set resampled to 8 kHz through a G.711 mu-law round trip"),
    "synthetic-narrowband-alaw": ("narrowband", "nb-alaw",
                                  "the clean set resampled to 8 kHz through a G.711 A-law round trip"),
    "synthetic-narrowband-ulaw-noisy": ("narrowband", "nb-ulaw-noisy",
                                        "the noisy set resampled to 8 kHz through a G.711 mu-law round trip"),
}
REAL_SETS = {
    "real-wideband": ("wideband", "real-wb",
                      "real read speech (../shared/testdata/speech: LibriVox, PocketSphinx cards and commands, CMU ARCTIC), 16 kHz; times from the forced alignment where there is one"),
    "real-narrowband": ("narrowband", "real-nb",
                        "the real recordings resampled to 8 kHz through a G.711 mu-law round trip"),
}
ALL_SETS = list(SYNTHETIC_SETS) + list(REAL_SETS)

# Phrases for the real recordings: 2-4 words from the transcripts (spoken) and look-alikes nobody says (absent).
REAL_PHRASES_SPOKEN = [
    "john dashwood", "ill disposed", "more respectable", "made amiable himself", "ten of clubs",
    "queen of clubs", "seven of hearts", "go forward ten meters", "go on forever", "two men shook hands",
    "the danger trail", "will we ever forget",
]
REAL_PHRASES_ABSENT = [
    "nine of diamonds", "go backward", "two women", "cancel my account", "speak to a manager",
    "thank you for calling",
]

FRAME = 0.005          # trim analysis frame, seconds
CORE_DB = 30.0         # frames this close to a chunk's loudest frame are surely speech
EDGE_DB = 40.0         # the speech extends outward from them while frames stay this close, without a gap
LEAD_IN = (0.4, 0.9)   # silence before the first line
TAIL = 0.8             # silence after the last line: the spotter reports a phrase some frames after it ends
CHUNK_GAP = (0.06, 0.14)  # pause between the chunks of one line (before and after a phrase)
LINE_GAP = (0.5, 1.4)  # pause between two lines of one speaker
PEAK_DBFS = -4.0
FLOOR_DBFS = -70.0     # keeps PocketSphinx's live CMN and energy VAD away from runs of digital zero
SNR_DB = 15.0
G722_DELAY = 22         # samples at 16 kHz through ffmpeg's G.722 encoder and decoder
HUM_BELOW_SPEECH_DB = 28.0

WORD_RE = re.compile(r"[A-Za-z']+")


def words_of(text):
    return [w.lower() for w in WORD_RE.findall(text)]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw).stdout


def sox(*args, stdin=None):
    # -R: repeatable; -D: no dither, so a resample adds nothing random.
    return run(["sox", "-R", "-D", "-V1", *args], input=stdin)


def raw_spec(rate, encoding="signed-integer", bits=16):
    return ["-t", "raw", "-r", str(rate), "-c", "1", "-e", encoding, "-b", str(bits)]


def resample(pcm, src, dst):
    if src == dst:
        return pcm
    out = sox(*raw_spec(src), "-", *raw_spec(dst), "-", "rate", "-v", stdin=pcm)
    want = round(len(pcm) // 2 * dst / src) * 2
    return (out + b"\0" * want)[:want]


def read_wav(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: {8 * w.getsampwidth()} bit, expected 16")
        pcm = w.readframes(w.getnframes())
        if w.getnchannels() != 1:
            pcm = audioop.tomono(pcm, 2, 0.5, 0.5)
        return pcm, w.getframerate()


def write_wav(path, pcm, rate):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)


def silence(seconds, rate):
    return b"\0\0" * round(seconds * rate)


def frame_rms(pcm, rate):
    n = max(1, round(FRAME * rate)) * 2
    return [audioop.rms(pcm[i:i + n], 2) for i in range(0, len(pcm) - n + 1, n)], n


def trim(pcm, rate):
    """Cuts the engine's own leading and trailing pause, so a chunk starts and ends at its speech (+-1 frame).
    From the first and last frame within CORE_DB of the loudest, the chunk extends outward over contiguous
    frames within EDGE_DB (weak onsets such as 'th', 'f', 'h'). A single threshold does not work: flite's rms and
    kal16 put a faint click 100-150 ms before the speech, and espeak-ng a -55 dBFS decay of ~100 ms after it."""
    rms, n = frame_rms(pcm, rate)
    if not rms or max(rms) == 0:
        raise ValueError("chunk has no speech")
    top = max(rms)
    core = [i for i, r in enumerate(rms) if r >= top * 10 ** (-CORE_DB / 20)]
    edge = max(top * 10 ** (-EDGE_DB / 20), 8)
    first, last = core[0], core[-1]
    while first > 0 and rms[first - 1] >= edge:
        first -= 1
    while last < len(rms) - 1 and rms[last + 1] >= edge:
        last += 1
    return pcm[first * n:(last + 1) * n]


def scale_to_rms(pcm, target_rms):
    rms = audioop.rms(pcm, 2)
    return audioop.mul(pcm, 2, target_rms / rms) if rms else pcm


def active_rms(pcm, rate):
    """RMS over the frames that hold speech (within 30 dB of the loudest): the speech level SNR refers to."""
    rms, _ = frame_rms(pcm, rate)
    top = max(rms)
    act = [r for r in rms if r >= top * 10 ** (-30 / 20)]
    return math.sqrt(sum(r * r for r in act) / len(act))


# ---------------------------------------------------------------- dialogues


def load_phrases(path):
    with open(path) as f:
        return json.load(f)


def load_dialogues(directory):
    dialogues = []
    for path in sorted(glob.glob(os.path.join(directory, "*.txt"))):
        name = os.path.splitext(os.path.basename(path))[0]
        lines = []
        with open(path) as f:
            for raw in f:
                raw = raw.strip()
                if not raw or raw.startswith("#"):
                    continue
                who, _, text = raw.partition(":")
                if who not in ("A", "C") or not text.strip():
                    raise ValueError(f"{path}: expected 'A: text' or 'C: text', got {raw!r}")
                lines.append(("agent" if who == "A" else "customer", text.strip()))
        dialogues.append((name, lines))
    if not dialogues:
        raise ValueError(f"no dialogues in {directory}")
    return dialogues


def split_line(text, phrase_texts):
    """Cuts a line into chunks [(text, phrase or None)]: the listed phrases it says (leftmost first, no
    overlap) and the text between them. Matching is on lower-case words, apostrophes kept."""
    toks = [(m.group(0).lower(), m.start(), m.end()) for m in WORD_RE.finditer(text)]
    pws = [(p, p.split()) for p in phrase_texts]
    chunks, at, i = [], 0, 0
    while i < len(toks):
        hit = None
        for p, pw in pws:
            if [t[0] for t in toks[i:i + len(pw)]] == pw:
                hit = (p, pw)
                break
        if hit is None:
            i += 1
            continue
        p, pw = hit
        s, e = toks[i][1], toks[i + len(pw) - 1][2]
        chunks.append((text[at:s], None))
        chunks.append((text[s:e], p))
        at, i = e, i + len(pw)
    chunks.append((text[at:], None))
    out = []
    for t, p in chunks:
        t = t.strip().lstrip(",;:.!?- ").strip()
        if p is not None or WORD_RE.search(t):
            out.append((t, p))
    return out


def check_dictionary(dialogues, phrase_texts, dict_path):
    known = set()
    with open(dict_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            known.add(line.split(" ", 1)[0])
    missing = set()
    for _, lines in dialogues:
        for _, text in lines:
            missing.update(w for w in words_of(text) if w not in known)
    for p in phrase_texts:
        missing.update(w for w in p.split() if w not in known)
    if missing:
        raise ValueError("words not in " + dict_path + ": " + " ".join(sorted(missing)))


def plan_items(dialogues, minutes):
    """Every dialogue side once per round; each round moves every side to another voice. Round 0 alone is the
    default corpus. Items are in a fixed order; --minutes cuts the list (see build_clean)."""
    rounds = 1 if minutes is None else 8
    items = []
    for r in range(rounds):
        for d, (name, lines) in enumerate(dialogues):
            for s, side in enumerate(("agent", "customer")):
                if not any(who == side for who, _ in lines):
                    continue
                voice = VOICES[(2 * d + s + 3 * r) % len(VOICES)]
                rng = random.Random(f"{SEED}/{r}/{name}/{side}")
                items.append({
                    "round": r, "dialogue": name, "leg": side, "voice": voice,
                    "rate": round(rng.uniform(0.9, 1.12), 2),
                    "lines": [t for who, t in lines if who == side],
                    "seed": f"{SEED}/{r}/{name}/{side}",
                    "id": f"{name}-{side}-{voice[0]}" + (f"-r{r}" if r else ""),
                })
    return items


def synth_chunk(voice, rate, text, tmp):
    _, engine, v = voice
    path = os.path.join(tmp, "chunk.wav")
    if engine == "flite":
        run(["flite", "-voice", v, "--setf", f"duration_stretch={rate}", "-t", text, "-o", path])
    else:
        # espeak-ng's default is 175 words per minute; a stretch of 1.1 is 10 % slower.
        run(["espeak-ng", "-v", v, "-s", str(round(175 / rate)), "-w", path, text])
    return read_wav(path)


def build_clean_item(item, phrase_texts):
    """One speaker's lines of one dialogue, each line synthesised as chunks (text, phrase, text), every chunk
    trimmed to its speech and joined with short pauses, so each phrase's first and last speech sample is known."""
    rng = random.Random(item["seed"])
    with tempfile.TemporaryDirectory() as tmp:
        parts, labels, native = [], [], None
        pos = 0  # samples at the native rate
        lead = rng.uniform(*LEAD_IN)
        for li, line in enumerate(item["lines"]):
            for ci, (text, phrase) in enumerate(split_line(line, phrase_texts)):
                pcm, rate = synth_chunk(item["voice"], item["rate"], text, tmp)
                if native is None:
                    native = rate
                    parts.append(silence(lead, rate))
                    pos = len(parts[0]) // 2
                elif rate != native:
                    raise ValueError(f"{item['voice'][0]} changed its sample rate")
                gap = LINE_GAP if ci == 0 and li > 0 else CHUNK_GAP if ci > 0 else None
                if gap is not None:
                    g = silence(rng.uniform(*gap), native)
                    parts.append(g)
                    pos += len(g) // 2
                speech = trim(pcm, native)
                if phrase is not None:
                    labels.append({"text": phrase, "start": pos / native, "end": (pos + len(speech) // 2) / native})
                parts.append(speech)
                pos += len(speech) // 2
        parts.append(silence(TAIL, native))
        pcm = b"".join(parts)
    pcm = resample(pcm, native, WB)
    peak = audioop.max(pcm, 2)
    pcm = audioop.mul(pcm, 2, 32767 * 10 ** (PEAK_DBFS / 20) / peak)
    return pcm, labels


# ---------------------------------------------------------------- noise and codecs


def make_noise(kind, seconds, tmp):
    path = os.path.join(tmp, f"{kind}.raw")
    if not os.path.exists(path):
        # sox -R seeds its generator with a fixed number: the same file every run.
        run(["sox", "-R", "-D", "-V1", "-n", *raw_spec(WB), path, "synth", f"{seconds:.0f}", kind])
    with open(path, "rb") as f:
        return f.read()


def hum(hz, samples, level):
    # A whole number of periods (50 Hz: 320 samples, 60 Hz: 3 periods in 800), tiled; odd harmonics as from a
    # saturated transformer.
    period = WB // hz if WB % hz == 0 else 3 * WB // hz
    cyc = array.array("h", (round(level * (math.sin(2 * math.pi * hz * i / WB)
                                         + 0.5 * math.sin(6 * math.pi * hz * i / WB)
                                         + 0.25 * math.sin(10 * math.pi * hz * i / WB)) / 1.2)
                            for i in range(period))).tobytes()
    return (cyc * (samples // period + 1))[:samples * 2]


def add_noise(pcm, item_index, seed, noises):
    rng = random.Random(f"noise/{seed}")
    kind = "pinknoise" if item_index % 2 == 0 else "brownnoise"
    src = noises[kind]
    n = len(pcm)
    off = rng.randrange(0, (len(src) - n) // 2) * 2
    speech = active_rms(pcm, WB)
    noise = scale_to_rms(src[off:off + n], speech * 10 ** (-SNR_DB / 20))
    out = audioop.add(audioop.mul(pcm, 2, 0.8), audioop.mul(noise, 2, 0.8), 2)
    desc = kind
    if rng.random() < 0.5:
        hz = rng.choice((50, 60))
        level = speech * 0.8 * 10 ** (-HUM_BELOW_SPEECH_DB / 20) * math.sqrt(2)
        out = audioop.add(out, hum(hz, n // 2, level), 2)
        desc += f"+hum{hz}"
    return out, desc


def g722_round_trip(pcm, tmp, name):
    src, enc = os.path.join(tmp, name + ".raw"), os.path.join(tmp, name + ".g722")
    with open(src, "wb") as f:
        f.write(pcm)
    ff = ["ffmpeg", "-nostdin", "-v", "error", "-y"]
    run([*ff, "-f", "s16le", "-ar", str(WB), "-ac", "1", "-i", src, "-c:a", "g722", "-b:a", "64k", "-f", "g722", enc])
    out = run([*ff, "-f", "g722", "-i", enc, "-f", "s16le", "-ar", str(WB), "-ac", "1", "-"])
    os.remove(src)
    os.remove(enc)
    # The QMF analysis and synthesis filters (G.722 section 3.1 / 4.4, 24 taps each) delay the signal by 22
    # samples (measured by cross-correlation): removed, so the clean set's labels hold to the sample.
    out = out[2 * G722_DELAY:]
    return (out + b"\0" * len(pcm))[:len(pcm)]


def g711_round_trip(pcm16k, law):
    nb = resample(pcm16k, WB, NB)
    if law == "ulaw":
        return audioop.ulaw2lin(audioop.lin2ulaw(nb, 2), 2)
    return audioop.alaw2lin(audioop.lin2alaw(nb, 2), 2)


# ---------------------------------------------------------------- real recordings


def load_real(repo, shared):
    rows = []
    with open(os.path.join(shared, "speech", "transcripts.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cells = dict(zip(header, line.rstrip("\n").split("\t")))
            rows.append(cells)
    align = {}
    with open(os.path.join(repo, "tests/EdgeAgent.Tests/Analysis/Data/librivox-alignment.tsv")) as f:
        f.readline()
        for line in f:
            fid, word, s, e = line.rstrip("\n").split("\t")
            align.setdefault(fid, []).append((word, float(s), float(e)))
    items = []
    for row in rows:
        rel = row["path"]
        path = os.path.join(shared, "speech", rel)
        if rel.endswith(".raw"):
            pcm = sox(*raw_spec(WB), path, *raw_spec(WB), "-")
            rate = WB
        else:
            pcm, rate = read_wav(path)
            pcm = resample(pcm, rate, WB)
        words = words_of(row["transcript"])
        fid = os.path.splitext(os.path.basename(rel))[0]
        aligned = align.get(fid)
        if aligned is not None and [w for w, _, _ in aligned] != words:
            raise ValueError(f"alignment of {fid} does not match its transcript")
        labels = []
        for p in REAL_PHRASES_SPOKEN + REAL_PHRASES_ABSENT:
            pw = p.split()
            for i in range(len(words) - len(pw) + 1):
                if words[i:i + len(pw)] == pw:
                    if aligned:
                        labels.append({"text": p, "start": aligned[i][1], "end": aligned[i + len(pw) - 1][2]})
                    else:
                        labels.append({"text": p, "start": None, "end": None})
        labels.sort(key=lambda x: (x["start"] if x["start"] is not None else 0, x["text"]))
        voice = rel.split("/")[1] if rel.startswith("pocketsphinx/") else "cmu_arctic-" + fid.split("_")[3]
        name = fid.replace("sense_and_sensibility_01_austen_64kb", "librivox")
        if rel.startswith("pocketsphinx/cards/"):
            name = "cards-" + name
        items.append({"name": name, "voice": voice, "pcm": pcm, "labels": labels, "source": "speech/" + rel})
    for p in REAL_PHRASES_SPOKEN:
        if not any(lab["text"] == p for it in items for lab in it["labels"]):
            raise ValueError(f"real phrase '{p}' is in no transcript")
    return items


# ---------------------------------------------------------------- main


def rounded_labels(labels):
    return [{"text": x["text"],
             "start": None if x["start"] is None else round(x["start"], 3),
             "end": None if x["end"] is None else round(x["end"], 3)} for x in labels]


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(prog="make-eval-corpus.sh", description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(repo, "eval", "corpus"), help="corpus directory, replaced as a whole (default eval/corpus)")
    ap.add_argument("--minutes", type=float, default=None,
                    help="audio per synthetic set (default: every dialogue side once, about 25 minutes)")
    ap.add_argument("--sets", default=",".join(ALL_SETS), help="comma-separated set names (default: all): " + ", ".join(ALL_SETS))
    ap.add_argument("--jobs", type=int, default=2, help="parallel synthesis and encoding jobs (default 2)")
    ap.add_argument("--shared", default=os.path.join(repo, "..", "shared", "testdata"), help="the shared third-party test data (default ../shared/testdata)")
    args = ap.parse_args(argv)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    for s in sets:
        if s not in ALL_SETS:
            ap.error(f"unknown set {s}; known: {', '.join(ALL_SETS)}")
    t0 = time.monotonic()

    phrases = load_phrases(os.path.join(repo, "samples", "phrases.json"))
    phrase_texts = [p["Text"] for p in phrases]
    dialogues = load_dialogues(os.path.join(repo, "eval", "dialogues"))
    dict_path = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
    check_dictionary(dialogues, phrase_texts + REAL_PHRASES_SPOKEN + REAL_PHRASES_ABSENT, dict_path)

    out = os.path.abspath(args.out)
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    # Built beside the target and renamed into place at the end: a reader never sees half a corpus.
    stage = tempfile.mkdtemp(prefix="." + os.path.basename(out) + ".building-", dir=parent)
    scratch = tempfile.mkdtemp(prefix="eval-corpus-")
    try:
        manifest = {"version": 1, "generator": GENERATOR, "sets": []}
        synth_sets = [s for s in sets if s in SYNTHETIC_SETS]
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
        if synth_sets:
            plan = plan_items(dialogues, args.minutes)
            target = None if args.minutes is None else args.minutes * 60
            clean, total, at = [], 0.0, 0
            # Batches in plan order; the cut is decided in that order, so parallelism never changes the result.
            while at < len(plan) and (target is None or total < target):
                batch = plan[at:at + 2 * max(1, args.jobs)]
                at += len(batch)
                for item, (pcm, labels) in zip(batch, pool.map(lambda it: build_clean_item(it, phrase_texts), batch)):
                    if target is not None and total >= target:
                        break
                    clean.append((item, pcm, labels))
                    total += len(pcm) / 2 / WB
            longest = max(len(pcm) for _, pcm, _ in clean) / 2 / WB
            noises = {}
            if any("noisy" in s for s in synth_sets):
                noises = {k: make_noise(k, max(300, longest + 30), scratch) for k in ("pinknoise", "brownnoise")}
            floor = make_noise("pinknoise", max(300, longest + 30), scratch) if noises == {} else noises["pinknoise"]

            def derive(index):
                item, pcm, labels = clean[index]
                # The floor is taken from the end of the pink noise file, away from what the noisy set uses.
                fl = floor[len(floor) - len(pcm):]
                base = audioop.add(pcm, scale_to_rms(fl, 32767 * 10 ** (FLOOR_DBFS / 20)), 2)
                res = {}
                noisy = noise_desc = None
                for s in synth_sets:
                    band, folder, _ = SYNTHETIC_SETS[s]
                    if s == "synthetic-wideband-clean":
                        audio, rate = base, WB
                    elif s == "synthetic-wideband-g722":
                        audio, rate = g722_round_trip(base, scratch, f"{index}"), WB
                    elif s in ("synthetic-wideband-noisy", "synthetic-narrowband-ulaw-noisy"):
                        if noisy is None:
                            noisy, noise_desc = add_noise(pcm, index, item["seed"], noises)
                        audio, rate = (noisy, WB) if s == "synthetic-wideband-noisy" else (g711_round_trip(noisy, "ulaw"), NB)
                    elif s == "synthetic-narrowband-ulaw":
                        audio, rate = g711_round_trip(base, "ulaw"), NB
                    else:
                        audio, rate = g711_round_trip(base, "alaw"), NB
                    rel = f"{folder}/{item['id']}.wav"
                    write_wav(os.path.join(stage, rel), audio, rate)
                    entry = {"file": rel, "durationSeconds": round(len(audio) / 2 / rate, 3), "voice": item["voice"][0],
                             "phrases": rounded_labels(labels), "leg": item["leg"], "dialogue": item["dialogue"],
                             "speakingRate": item["rate"]}
                    if "noisy" in s:
                        entry["noise"] = noise_desc
                    res[s] = entry
                return res

            derived = list(pool.map(derive, range(len(clean))))
            voices = sorted({item["voice"][0] for item, _, _ in clean})
            for s in synth_sets:
                band, _, desc = SYNTHETIC_SETS[s]
                manifest["sets"].append({"name": s, "band": band, "description": desc.format(voices=len(voices)),
                                         "phrases": phrases, "items": [d[s] for d in derived]})
        pool.shutdown()

        real_sets = [s for s in sets if s in REAL_SETS]
        if real_sets:
            real = load_real(repo, os.path.abspath(args.shared))
            real_phrases = ([{"Text": p, "Category": "transcript", "Weight": 0, "Threshold": 20} for p in REAL_PHRASES_SPOKEN]
                            + [{"Text": p, "Category": "absent", "Weight": 0, "Threshold": 20} for p in REAL_PHRASES_ABSENT])
            for s in real_sets:
                band, folder, desc = REAL_SETS[s]
                items = []
                for it in real:
                    audio, rate = (it["pcm"], WB) if band == "wideband" else (g711_round_trip(it["pcm"], "ulaw"), NB)
                    rel = f"{folder}/{it['name']}.wav"
                    write_wav(os.path.join(stage, rel), audio, rate)
                    items.append({"file": rel, "durationSeconds": round(len(audio) / 2 / rate, 3), "voice": it["voice"],
                                  "phrases": rounded_labels(it["labels"]), "source": it["source"]})
                manifest["sets"].append({"name": s, "band": band, "description": desc, "phrases": real_phrases, "items": items})

        manifest["sets"].sort(key=lambda x: ALL_SETS.index(x["name"]))
        with open(os.path.join(stage, "manifest.json"), "w") as f:
            json.dump(manifest, f, indent=1)
            f.write("\n")
        os.chmod(stage, 0o755)  # mkdtemp makes it 0700; other users read the corpus
        old = None
        if os.path.exists(out):
            old = tempfile.mkdtemp(prefix="." + os.path.basename(out) + ".old-", dir=parent)
            os.rename(out, os.path.join(old, "x"))
        os.rename(stage, out)
        stage = None
        if old:
            shutil.rmtree(old)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if stage:
            shutil.rmtree(stage, ignore_errors=True)

    for s in manifest["sets"]:
        secs = sum(i["durationSeconds"] for i in s["items"])
        n = sum(len(i["phrases"]) for i in s["items"])
        print(f"{s['name']}: {len(s['items'])} files, {secs / 60:.1f} min, {n} phrase occurrences", file=sys.stderr)
    print(f"wrote {out}/manifest.json in {time.monotonic() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
