#!/usr/bin/env python3
"""Decodes a PNG (8-bit RGB or RGBA, not interlaced) with the standard library only and prints
JSON: {"width", "height", "colors": {"#rrggbb": pixel count, ...}} (alpha ignored; fully
transparent pixels counted as "transparent"). Used by the chart tests to prove a rendered chart
draws its bars, marks and lines, not to judge them."""
import json
import struct
import sys
import zlib


def decode_rows(path):
    """(width, height, bytes per pixel, rows): each row a bytearray of R, G, B[, A] bytes."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = header
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise SystemExit(f"{path}: unsupported PNG (depth {depth}, colour type {ctype}, interlace {interlace})")
    bpp = 4 if ctype == 6 else 3
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    i = 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if ftype == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 0xFF
        elif ftype == 2:
            for x in range(stride):
                line[x] = (line[x] + prev[x]) & 0xFF
        elif ftype == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 0xFF
        elif ftype == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def decode(path):
    width, height, bpp, rows = decode_rows(path)
    colors = {}
    for line in rows:
        for x in range(0, len(line), bpp):
            if bpp == 4 and line[x + 3] == 0:
                key = "transparent"
            else:
                key = "#%02x%02x%02x" % (line[x], line[x + 1], line[x + 2])
            colors[key] = colors.get(key, 0) + 1
    return {"width": width, "height": height, "colors": colors}


if __name__ == "__main__":
    print(json.dumps(decode(sys.argv[1])))
