#!/usr/bin/env python3
"""How big the text of a `coauthor render` SVG comes out when the picture is shown WIDTH pixels
wide, measured in pixels of a real rendering (librsvg's rsvg-convert), not computed from attributes.

Usage: text_size.py DRAWING.svg WIDTH

Each node label (its copy under the circles, `<g id="halos">`) and each header text
(`<g id="legend">`) is rendered alone (with the SVG's style sheet, its halo stroke off) at the
scale the picture has when it is WIDTH pixels wide, cropped to a window around it. The height of its
ink divided by the ink height of the same string drawn at
a known font size (a calibration rendering, same font) is the font size it is seen at, in pixels.
Ink height is the sum over pixel rows of the row's highest coverage (alpha), so antialiased edges
count fractionally.

Prints JSON: {"scale": px per SVG unit, "texts": [{"kind": "label"|"header", "text", "px"}]}.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_pixels import decode_rows  # noqa: E402

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
CALIBRATION = 40.0


def ink_height(png):
    width, height, bpp, rows = decode_rows(png)
    if bpp != 4:
        raise SystemExit(f"{png}: expected RGBA")
    # Each row counts with the coverage of its most covered pixel: antialiased edge rows count
    # fractionally, so small text is measured to a fraction of a pixel.
    return sum(max(line[3::4], default=0) for line in rows) / 255


def render(svg_text, directory, name):
    src, out = os.path.join(directory, name + ".svg"), os.path.join(directory, name + ".png")
    with open(src, "w", encoding="utf-8") as f:
        f.write(svg_text)
    subprocess.run(["rsvg-convert", "--format", "png", "--background-color", "none", "-o", out, src], check=True)
    return out


def calibrated_ratio(text, family, bold, directory, cache):
    """Ink height per pixel of font size for this string."""
    key = (text, family, bold)
    if key not in cache:
        size = CALIBRATION
        w = int(len(text) * size * 1.2 + 4 * size)
        h = int(size * 3)
        weight = ' font-weight="bold"' if bold else ""
        doc = (f'<svg xmlns="{SVG}" width="{w}px" height="{h}px" viewBox="0 0 {w} {h}">'
               f'<text x="{size}" y="{size * 2}" font-family="{escape(family)}" font-size="{size}"{weight}>{escape(text)}</text></svg>')
        cache[key] = ink_height(render(doc, directory, f"cal{len(cache)}")) / size
    return cache[key]


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def main(path, shown_width):
    tree = ET.parse(path)
    root = tree.getroot()
    box = [float(v) for v in root.get("viewBox").split()]
    scale = shown_width / box[2]
    graph = next(g for g in root.iter(f"{{{SVG}}}g") if g.get("id") == "graph0")
    m = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", graph.get("transform", ""))
    tx, ty = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)

    style = "".join(ET.tostring(e, encoding="unicode") for e in root.iter(f"{{{SVG}}}style"))
    probes = []
    for g in root.iter(f"{{{SVG}}}g"):
        if g.get("id") == "halos":
            probes += [("label", t, tx, ty) for t in g.iter(f"{{{SVG}}}text")]
        if g.get("id") == "legend":
            probes += [("header", t, 0.0, 0.0) for t in g.iter(f"{{{SVG}}}text")]

    results, cache = [], {}
    with tempfile.TemporaryDirectory() as directory:
        for i, (kind, element, dx, dy) in enumerate(probes):
            text = "".join(element.itertext())
            if not text.strip():
                continue
            size = float(element.get("font-size"))
            x, y = float(element.get("x")) + dx, float(element.get("y")) + dy
            w = len(text) * size * 1.2 + 2 * size
            anchor = element.get("text-anchor", "start")
            left = x - w / 2 if anchor == "middle" else (x - w if anchor == "end" else x - size)
            top, height = y - 1.6 * size, 2.4 * size
            # Only this element (with the page's style sheet, without its halo), in a window around
            # it, at the shown scale.
            copy = ET.Element(element.tag, dict(element.attrib))
            copy.text = text
            copy.set("style", "stroke:none")
            doc = (f'<svg xmlns="{SVG}" width="{w * scale:.2f}px" height="{height * scale:.2f}px" '
                   f'viewBox="{left} {top} {w} {height}">{style}'
                   f'<g transform="translate({dx} {dy})">{ET.tostring(copy, encoding="unicode")}</g></svg>')
            ink = ink_height(render(doc, directory, f"p{i}"))
            ratio = calibrated_ratio(text, element.get("font-family", "Noto Sans CJK SC"),
                                     element.get("font-weight") == "bold", directory, cache)
            results.append({"kind": kind, "text": text, "px": round(ink / ratio, 2) if ratio else 0.0})
    print(json.dumps({"scale": scale, "texts": results}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
