#!/usr/bin/env python3
"""Writes the mixture weights of a PocketSphinx PTM model's sendump as a SphinxTrain mixture_weights file.

bw needs mixture weights; Debian's pocketsphinx-en-us ships them only quantised in sendump (ptm_mgau.c reads it):
a text header of length-prefixed strings ending with a zero length, then #codewords and #pdfs (int32), then per
feature stream, per codeword, one byte per senone: -log_1.0001(weight) >> mixw_shift (10).
Output: the s3 binary format of SphinxTrain's s3io (header "s3 ... endhdr", byte-order word, dims, float32 data).
"""
import struct
import sys

MIXW_SHIFT = 10
LOG_BASE = 1.0001


def main(src, dst):
    data = open(src, "rb").read()
    at = 0

    def int32():
        nonlocal at
        value = struct.unpack_from("<i", data, at)[0]
        at += 4
        return value

    title = int32()
    at += title
    features, shift = 0, MIXW_SHIFT
    while True:
        length = int32()
        if length == 0:
            break
        text = data[at:at + length].rstrip(b"\0").decode("ascii", "replace")
        at += length
        key, _, value = text.partition(" ")
        if key == "feature_count":
            features = int(value)
        elif key == "mixw_shift":
            shift = int(value)
        elif key == "cluster_count" and int(value) != 0:
            raise SystemExit("clustered sendump (cluster_count > 0) is not supported")
    codewords, senones = int32(), int32()
    if features <= 0 or at + features * codewords * senones != len(data):
        raise SystemExit(f"unexpected sendump layout: {features} features x {codewords} codewords x {senones} senones")
    weights = [[[0.0] * codewords for _ in range(features)] for _ in range(senones)]
    for f in range(features):
        for c in range(codewords):
            row = data[at:at + senones]
            at += senones
            for s, q in enumerate(row):
                weights[s][f][c] = LOG_BASE ** -(q << shift)
    with open(dst, "wb") as out:
        header = b"s3\nversion 1.0\n"
        pad = (4 - (len(header) + len(b"endhdr\n")) % 4) % 4
        out.write(header + b" " * pad + b"endhdr\n")
        out.write(struct.pack("<i", 0x11223344))
        out.write(struct.pack("<4I", senones, features, codewords, senones * features * codewords))
        for s in range(senones):
            for f in range(features):
                total = sum(weights[s][f])
                out.write(struct.pack(f"<{codewords}f", *(w / total for w in weights[s][f])))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: sendump_to_mixw.py SENDUMP MIXTURE_WEIGHTS")
    main(sys.argv[1], sys.argv[2])
