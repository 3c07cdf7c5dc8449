#!/usr/bin/env python3
"""Checks that the drawing's community hues stay apart under simulated colour-vision deficiencies.

Reads `Palette.categorical` and `Palette.other` from Sources/CoauthorExport/Palette.swift, simulates
protanopia, deuteranopia and tritanopia with the matrices of Machado, Oliveira & Fernandes (2009,
severity 1.0, applied in linear sRGB), and computes the smallest CIELAB ΔE*ab (1976) between any two
of the hues and grey, per vision. The palette passes when, for every vision, that distance is at
least Okabe & Ito's seven hues' own (with the same grey): the added hues make no pair closer than
the best-known colour-blind-safe palette already has. Prints one line per vision; exits 1 on failure.
"""
import itertools
import pathlib
import re
import sys

MACHADO = {
    "normal": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
    "protan": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deutan": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritan": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]


def linear(c):
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lab(rgb):
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def seen(hex_colour, matrix):
    v = [linear(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5)]
    return lab([min(1, max(0, sum(matrix[r][k] * v[k] for k in range(3)))) for r in range(3)])


def closest(colours, matrix):
    labs = [seen(c, matrix) for c in colours]
    return min((sum((p - q) ** 2 for p, q in zip(labs[i], labs[j])) ** 0.5, colours[i], colours[j])
               for i, j in itertools.combinations(range(len(colours)), 2))


def main():
    source = pathlib.Path(__file__).resolve().parents[2] / "Sources" / "CoauthorExport" / "Palette.swift"
    text = source.read_text(encoding="utf-8")
    hues = re.findall(r"#[0-9A-F]{6}", re.search(r"static let categorical = \[(.*?)\]", text, re.S).group(1))
    other = re.search(r'static let other = "(#[0-9A-F]{6})"', text).group(1)
    ok = True
    for vision, matrix in MACHADO.items():
        ours, theirs = closest(hues + [other], matrix), closest(OKABE_ITO + [other], matrix)
        passed = ours[0] >= theirs[0] - 1e-9
        ok &= passed
        print(f"{vision}: {len(hues)} hues + grey closest ΔE {ours[0]:.1f} ({ours[1]}/{ours[2]}); "
              f"Okabe–Ito + grey {theirs[0]:.1f} ({theirs[1]}/{theirs[2]}) {'ok' if passed else 'CLOSER'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
