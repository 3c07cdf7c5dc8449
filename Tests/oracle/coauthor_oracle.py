#!/usr/bin/env python3
"""Independent oracle for the coauthor graph counts.

Implements docs/identity.md and the input formats from their written
description only (standard library, Python 3.11).  It prints one JSON object:

    papers, mentions, authors, edges, total_weight, total_fractional,
    components, largest_component, isolated, first_year, last_year,
    hyperauthored_papers, skipped_records, top_degree

Usage:
    python3 Tests/oracle/coauthor_oracle.py [--as-of YYYY-MM-DD]
        [--max-authors N] [--from Y] [--to Y] [--author-separator S]
        [--aliases FILE] [--merge-initials] INPUT...

See Tests/oracle/README.md for the decisions taken where the specification
leaves room.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import io
import itertools
import json
import lzma
import os
import re
import sys
import unicodedata
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scholarly_formats  # noqa: E402  (OpenAlex, Semantic Scholar, CSL, RIS, WoS, MEDLINE)

# --------------------------------------------------------------------------
# Unicode helpers (docs/identity.md, "The key")
# --------------------------------------------------------------------------

_category = unicodedata.category
_normalize = unicodedata.normalize


def norm(s: str) -> str:
    """NFKD, drop general category Mn, Unicode lower-case mapping."""
    d = _normalize("NFKD", s)
    return "".join(c for c in d if _category(c) != "Mn").lower()


def _is_ln(c: str) -> bool:
    k = _category(c)[0]
    return k == "L" or k == "N"


def given_key(given: str) -> str:
    return "".join(c for c in norm(given) if _is_ln(c))


def family_key(family: str) -> str:
    n = norm(family)
    return " ".join("".join(c if _is_ln(c) else " " for c in n).split())


def loose(s: str) -> str:
    """Profile owner comparison: lower-case, letters and digits only."""
    return "".join(c for c in s.lower() if _is_ln(c))


def collapse(s: str) -> str:
    return " ".join(s.split())


# --------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------

ID_KINDS = ("orcid", "dblp", "openalex", "s2", "acl")
_DBLP_SUFFIX = re.compile(r"^(.*\S)\s+(\d{4})$", re.S)
_TRUNCATION_MARKERS = {"et al.", "et al", "et. al.", "others", "and others"}


class Mention:
    """One author mention: key (identity) and spelling (display candidate)."""

    __slots__ = ("key", "spelling", "given", "family", "corporate", "has_id")

    def __init__(self, key, spelling, given, family, corporate, has_id):
        self.key = key
        self.spelling = spelling
        self.given = given
        self.family = family
        self.corporate = corporate
        self.has_id = has_id


def make_mention(given: str, family: str, ids: dict | None = None,
                 corporate: bool = False) -> Mention | None:
    """Key a mention per docs/identity.md.  None = not an author."""
    given = collapse(given)
    family = collapse(family)
    spelling = collapse(given + " " + family) if given else family
    if ids:
        for kind in ID_KINDS:
            v = ids.get(kind)
            if v is not None and v != "":
                return Mention(f"{kind}:{v}", spelling, given, family,
                               corporate, True)
    fk = family_key(family)
    if not fk:
        return None
    if corporate:
        return Mention("corp|" + fk, spelling, "", family, True, False)
    return Mention(given_key(given) + "|" + fk, spelling, given, family,
                   False, False)


def split_dblp_suffix(name: str):
    """'Wei Wang 0001' -> ('Wei Wang', 'Wei Wang 0001'); else (name, None)."""
    m = _DBLP_SUFFIX.match(name)
    if m:
        return m.group(1), name
    return name, None


# ---- plain-text NameParser ----------------------------------------------

_GENERATIONAL = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}


def parse_plain_name(name: str):
    """Return (given, family) for a plain-text name (DBLP suffix removed)."""
    name = collapse(name)
    if "," in name:
        parts = [p.strip() for p in name.split(",")]
        if len(parts) == 2:
            return parts[1], parts[0]
        # Family, Jr, Given (extra parts join the given name)
        family = collapse(parts[0] + " " + parts[1])
        return collapse(" ".join(parts[2:])), family
    tokens = name.split(" ") if name else []
    if not tokens:
        return "", ""
    suffix = []
    if len(tokens) >= 3 and tokens[-1] in _GENERATIONAL:
        suffix = [tokens[-1]]
        tokens = tokens[:-1]
    family = [tokens[-1]]
    i = len(tokens) - 2
    # lower-case particles before the last token; the first token always
    # stays in the given name
    while i >= 1 and tokens[i].islower():
        family.insert(0, tokens[i])
        i -= 1
    given = tokens[: i + 1]
    return " ".join(given), " ".join(family + suffix)


_plain_cache: dict = {}


def plain_mention(raw: str) -> Mention | None:
    m = _plain_cache.get(raw)
    if m is not None or raw in _plain_cache:
        return m
    name = collapse(raw)
    base, dblp = split_dblp_suffix(name)
    given, family = parse_plain_name(base)
    m = make_mention(given, family, {"dblp": dblp} if dblp else None)
    if len(_plain_cache) < 4_000_000:
        _plain_cache[raw] = m
    return m


def strip_et_al(names: list[str]) -> list[str]:
    """Drop truncation markers ('et al.', 'others') from a name list."""
    out = []
    for n in names:
        n = collapse(n)
        low = n.lower()
        if low in _TRUNCATION_MARKERS:
            continue
        for tail in (" et al.", " et al", " et. al."):
            if low.endswith(tail):
                n = n[: -len(tail)].rstrip()
                break
        if n:
            out.append(n)
    return out


def object_mention(obj: dict) -> Mention | None:
    """JSON Lines author object {name, given, family, orcid, ...}."""
    ids = {}
    for kind in ID_KINDS:
        v = obj.get(kind)
        if isinstance(v, (str, int)) and str(v) != "":
            ids[kind] = str(v)
    given = obj.get("given") or ""
    family = obj.get("family") or ""
    name = obj.get("name") or ""
    if not isinstance(given, str):
        given = str(given)
    if not isinstance(family, str):
        family = str(family)
    if not isinstance(name, str):
        name = str(name)
    if family.strip():
        return make_mention(given, family, ids)
    name = collapse(name or given)
    base, dblp = split_dblp_suffix(name)
    if dblp and "dblp" not in ids:
        ids["dblp"] = dblp
    g, f = parse_plain_name(base)
    return make_mention(g, f, ids)


# --------------------------------------------------------------------------
# TeX decoding
# --------------------------------------------------------------------------

_ACCENTS = {
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302",
    "~": "\u0303", "=": "\u0304", ".": "\u0307", "u": "\u0306",
    "v": "\u030c", "H": "\u030b", "c": "\u0327", "d": "\u0323",
    "b": "\u0331", "k": "\u0328", "r": "\u030a", "t": "\u0361",
    "G": "\u030f", "U": "\u030e", "h": "\u0309", "f": "\u0311",
}
_LETTERS = {
    "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł",
    "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
    "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ", "copyright": "©",
    "textregistered": "®", "P": "¶", "S": "§", "pounds": "£",
    "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…",
    "textquoteright": "’", "textquoteleft": "‘", "guillemotleft": "«",
    "guillemotright": "»", "IJ": "Ĳ", "ij": "ĳ",
    # logos: keep their text (otherwise "{Island of \\TeX}" loses a word)
    "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX",
    "AmS": "AMS", "AMS": "AMS", "AmSTeX": "AMS-TeX", "AMSTeX": "AMS-TeX",
    "ConTeXt": "ConTeXt", "XeTeX": "XeTeX", "XeLaTeX": "XeLaTeX",
    "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "pdfTeX": "pdfTeX",
    "pdfLaTeX": "pdfLaTeX", "eTeX": "e-TeX", "SliTeX": "SliTeX",
    "METAFONT": "METAFONT", "MF": "METAFONT", "MP": "MetaPost",
    "METAPOST": "MetaPost", "PiCTeX": "PiCTeX", "TUB": "TUGboat",
    # TUGboat's name macro for Hàn Thế Thành (tugboat.bib writes authors as "\Thanh{}"):
    # without it 12 real author mentions would vanish.
    "Thanh": "Hàn Thế Thành",
}
_SYMBOLS = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{",
            "}": "}", " ": " ", "\\": " ", ",": " ", ";": " ", "!": "",
            "/": "", "-": "", "@": "", "\n": " ", "\t": " "}


_DROP_ARGUMENT = {"noopsort"}


def _match_brace(s: str, i: int) -> int:
    """Index of the brace closing s[i] == '{' (or len(s)-1 if unbalanced)."""
    depth = 0
    for j in range(i, len(s)):
        c = s[j]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(s) - 1


def _read_control(s: str, i: int):
    """s[i] == '\\'.  Return (command, index after it and its spaces)."""
    n = len(s)
    if i + 1 >= n:
        return "", n
    c = s[i + 1]
    if c.isalpha() and c.isascii():
        j = i + 1
        while j < n and s[j].isascii() and s[j].isalpha():
            j += 1
        cmd = s[i + 1:j]
        while j < n and s[j] in " \t\n":
            j += 1
        return cmd, j
    return c, i + 2


def decode_tex(s: str) -> str:
    """TeX accents/specials to Unicode, braces stripped, NFC."""
    if "\\" not in s and "{" not in s and "}" not in s and "~" not in s \
            and "$" not in s:
        return _normalize("NFC", s)
    out = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            cmd, j = _read_control(s, i)
            if cmd in _ACCENTS:
                # argument: {group}, \controlword, or one character
                if j < n and s[j] == "{":
                    k = _match_brace(s, j)
                    arg = s[j + 1:k]
                    j = k + 1
                elif j < n and s[j] == "\\":
                    c2, k = _read_control(s, j)
                    arg = "\\" + c2
                    j = k
                elif j < n:
                    arg = s[j]
                    j += 1
                else:
                    arg = ""
                a = arg.strip()
                if a in ("\\i", "\\i{}", "{\\i}"):
                    base = "i"
                elif a in ("\\j", "\\j{}", "{\\j}"):
                    base = "j"
                else:
                    base = decode_tex(arg)
                base = base.lstrip()
                if base:
                    out.append(base[0] + _ACCENTS[cmd] + base[1:])
                else:
                    out.append(_ACCENTS[cmd])
                i = j
                continue
            if cmd in _LETTERS:
                out.append(_LETTERS[cmd])
                # swallow an empty group right after: \ss{}
                if s.startswith("{}", j):
                    j += 2
                i = j
                continue
            if cmd in _DROP_ARGUMENT:
                # \\noopsort{1973a}1981: the argument only sorts, never prints
                if j < n and s[j] == "{":
                    j = _match_brace(s, j) + 1
                i = j
                continue
            if cmd in _SYMBOLS:
                out.append(_SYMBOLS[cmd])
                i = j
                continue
            # unknown command (\textsc, \relax, \emph...): drop its name,
            # keep its argument (the braces are stripped below)
            i = j
            continue
        if c == "{" or c == "}" or c == "$":
            i += 1
            continue
        if c == "~":
            out.append(" ")
            i += 1
            continue
        out.append(c)
        i += 1
    return _normalize("NFC", "".join(out))


# --------------------------------------------------------------------------
# BibTeX names
# --------------------------------------------------------------------------

def _depth0_mask(s: str) -> str:
    """Copy of s with everything inside braces (and the braces) as \\0."""
    out = []
    depth = 0
    for c in s:
        if c == "{":
            depth += 1
            out.append("\0")
        elif c == "}":
            depth = max(depth - 1, 0)
            out.append("\0")
        else:
            out.append(c if depth == 0 else "\0")
    return "".join(out)


def _split_depth0(s: str, sep: re.Pattern) -> list[str]:
    if "{" not in s:
        return sep.split(s)
    mask = _depth0_mask(s)
    parts = []
    last = 0
    for m in sep.finditer(mask):
        parts.append(s[last:m.start()])
        last = m.end()
    parts.append(s[last:])
    return parts


_AND = re.compile(r"\s+and\s+", re.I)
_COMMA = re.compile(r",")
_WORDSEP = re.compile(r"[\s~]+")


def split_bibtex_authors(value: str) -> list[str]:
    v = value.strip()
    if not v:
        return []
    return [p.strip() for p in _split_depth0(v, _AND)]


def _is_von(word: str) -> bool:
    """BibTeX: a word is 'von' when its first depth-0 letter is lower-case
    (a {\\special char} at depth 1 counts by its decoded letter; other braced
    groups are caseless and skipped)."""
    i = 0
    n = len(word)
    depth = 0
    while i < n:
        c = word[i]
        if c == "{":
            if depth == 0 and i + 1 < n and word[i + 1] == "\\":
                k = _match_brace(word, i)
                for ch in decode_tex(word[i:k + 1]):
                    if ch.isalpha():
                        return ch.islower()
                i = k + 1
                continue
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0:
            if c == "\\":
                cmd, j = _read_control(word, i)
                if cmd in _ACCENTS or cmd in _LETTERS:
                    k = j
                    # decode this control sequence with its argument
                    if cmd in _ACCENTS:
                        if k < n and word[k] == "{":
                            k = _match_brace(word, k) + 1
                        else:
                            k = min(k + 1, n)
                    for ch in decode_tex(word[i:k]):
                        if ch.isalpha():
                            return ch.islower()
                i = j
                continue
            if c.isalpha():
                return c.islower()
        i += 1
    return False


def _words(part: str) -> list[str]:
    return [w for w in _split_depth0(part.strip(), _WORDSEP) if w]


def parse_bibtex_name(raw: str):
    """Return (given_raw, family_raw) with TeX still in them."""
    parts = [p.strip() for p in _split_depth0(raw, _COMMA)]
    if len(parts) > 3:
        parts = parts[:2] + [", ".join(parts[2:])]
    if len(parts) == 1:
        words = _words(parts[0])
        if not words:
            return "", ""
        # First = words before the first von word (never the last word)
        pos = len(words)
        for idx, w in enumerate(words[:-1]):
            if _is_von(w):
                pos = idx
                break
        if pos == len(words):
            pos = len(words) - 1
        return " ".join(words[:pos]), " ".join(words[pos:])
    if len(parts) == 2:
        return " ".join(_words(parts[1])), " ".join(_words(parts[0]))
    family = " ".join(_words(parts[0]) + _words(parts[1]))
    return " ".join(_words(parts[2])), family


def _is_corporate(name: str) -> bool:
    """The whole name is one brace group ({Barnes and Noble}).  A group that
    is only a special character ({\\"U}) is a one-word name, not corporate."""
    if not (name.startswith("{") and name.endswith("}")):
        return False
    if _match_brace(name, 0) != len(name) - 1:
        return False
    inner = name[1:-1].strip()
    if inner.startswith("\\") and " " not in collapse(decode_tex(inner)):
        return False
    return True


_bib_cache: dict = {}


def bibtex_mention(raw: str) -> Mention | None:
    m = _bib_cache.get(raw)
    if m is not None or raw in _bib_cache:
        return m
    name = collapse(raw)
    if _is_corporate(name):
        m = make_mention("", decode_tex(name[1:-1]), None, corporate=True)
    else:
        base, dblp = split_dblp_suffix(name)
        ids = {"dblp": collapse(decode_tex(dblp))} if dblp else None
        g, f = parse_bibtex_name(base)
        m = make_mention(collapse(decode_tex(g)), collapse(decode_tex(f)), ids)
    if len(_bib_cache) < 4_000_000:
        _bib_cache[raw] = m
    return m


# --------------------------------------------------------------------------
# BibTeX parser
# --------------------------------------------------------------------------

class BibError(Exception):
    pass


_MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April",
    "may": "May", "jun": "June", "jul": "July", "aug": "August",
    "sep": "September", "oct": "October", "nov": "November",
    "dec": "December",
}
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_:.+/-]*")
_FIELD = re.compile(r"[^\s\"#%'(),={}]+")
_KEY_BRACE = re.compile(r"[^\s,}]*")
_KEY_PAREN = re.compile(r"[^\s,)]*")
_NUMBER = re.compile(r"\d+")
_WS = re.compile(r"\s*")
_BRACES = re.compile(r"[{}]")
_QBRACES = re.compile(r'[{}"]')
_NEXT_ENTRY = re.compile(r"\n[ \t]*@")


class BibParser:
    def __init__(self, text: str):
        self.s = text
        self.n = len(text)
        self.macros = dict(_MONTH_MACROS)
        self.skipped = 0
        self.undefined_macros = 0

    def _ws(self, p: int) -> int:
        return _WS.match(self.s, p).end()

    def _braced(self, p: int):
        """s[p] == '{'; return (content, index after the closing brace)."""
        depth = 0
        s = self.s
        q = p
        while True:
            m = _BRACES.search(s, q)
            if not m:
                raise BibError("unterminated {")
            q = m.end()
            if m.group() == "{":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return s[p + 1:q - 1], q

    def _quoted(self, p: int):
        depth = 0
        s = self.s
        q = p + 1
        while True:
            m = _QBRACES.search(s, q)
            if not m:
                raise BibError('unterminated "')
            q = m.end()
            g = m.group()
            if g == "{":
                depth += 1
            elif g == "}":
                depth -= 1
                if depth < 0:
                    raise BibError("unbalanced } in quoted value")
            elif depth == 0:
                return s[p + 1:q - 1], q

    def _value(self, p: int):
        parts = []
        s = self.s
        while True:
            p = self._ws(p)
            if p >= self.n:
                raise BibError("value expected")
            c = s[p]
            if c == "{":
                v, p = self._braced(p)
            elif c == '"':
                v, p = self._quoted(p)
            else:
                m = _NUMBER.match(s, p)
                if m and not _FIELD.match(s, p).end() > m.end():
                    v, p = m.group(), m.end()
                else:
                    m = _FIELD.match(s, p)
                    if not m:
                        raise BibError("value expected")
                    name = m.group().lower()
                    p = m.end()
                    if name in self.macros:
                        v = self.macros[name]
                    else:
                        self.undefined_macros += 1
                        v = ""
            parts.append(v)
            p = self._ws(p)
            if p < self.n and s[p] == "#":
                p += 1
                continue
            return "".join(parts), p

    def entries(self):
        """Yield (type, key, fields) for every regular entry."""
        s = self.s
        pos = 0
        while True:
            at = s.find("@", pos)
            if at < 0:
                return
            # Between entries, a '%' starts a comment to the end of the line (as biber reads
            # it): a '%'-commented entry is not an entry.
            line_start = s.rfind("\n", 0, at) + 1
            if "%" in s[line_start:at]:
                eol = s.find("\n", at)
                pos = self.n if eol < 0 else eol + 1
                continue
            p = self._ws(at + 1)
            m = _IDENT.match(s, p)
            if not m:
                pos = at + 1
                continue
            typ = m.group().lower()
            p = self._ws(m.end())
            if p >= self.n or s[p] not in "{(":
                pos = at + 1  # stray '@' in text between entries
                continue
            close = "}" if s[p] == "{" else ")"
            if typ == "comment":
                if s[p] == "{":
                    try:
                        _, pos = self._braced(p)
                    except BibError:
                        pos = p + 1
                else:
                    q = s.find(")", p)
                    pos = q + 1 if q >= 0 else self.n
                continue
            try:
                result, pos = self._command(typ, p + 1, close)
            except BibError:
                if typ not in ("string", "preamble"):
                    self.skipped += 1
                m2 = _NEXT_ENTRY.search(s, at + 1)
                pos = m2.start() + 1 if m2 else self.n
                continue
            if result is not None:
                yield result

    def _command(self, typ: str, p: int, close: str):
        s = self.s
        if typ == "preamble":
            _, p = self._value(p)
            p = self._ws(p)
            if p >= self.n or s[p] != close:
                raise BibError("preamble not closed")
            return None, p + 1
        if typ == "string":
            p = self._ws(p)
            m = _FIELD.match(s, p)
            if not m:
                raise BibError("macro name expected")
            name = m.group().lower()
            p = self._ws(m.end())
            if p >= self.n or s[p] != "=":
                raise BibError("= expected")
            v, p = self._value(p + 1)
            p = self._ws(p)
            if p >= self.n or s[p] != close:
                raise BibError("@string not closed")
            self.macros[name] = v
            return None, p + 1
        # regular entry
        p = self._ws(p)
        m = (_KEY_BRACE if close == "}" else _KEY_PAREN).match(s, p)
        key = m.group()
        p = self._ws(m.end())
        fields: dict[str, str] = {}
        if p < self.n and s[p] == close:
            return (typ, key, fields), p + 1
        if p >= self.n or s[p] != ",":
            raise BibError(", expected after key")
        p += 1
        while True:
            p = self._ws(p)
            if p >= self.n:
                raise BibError("entry not closed")
            c = s[p]
            if c == close:
                return (typ, key, fields), p + 1
            if c == ",":
                p += 1
                continue
            m = _FIELD.match(s, p)
            if not m:
                raise BibError("field name expected")
            fname = m.group().lower()
            p = self._ws(m.end())
            if p >= self.n or s[p] != "=":
                raise BibError("= expected")
            v, p = self._value(p + 1)
            if fname not in fields:
                fields[fname] = v
            p = self._ws(p)
            if p >= self.n:
                raise BibError("entry not closed")
            if s[p] == ",":
                p += 1
            elif s[p] != close:
                raise BibError(", or close expected")


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------

class Record:
    __slots__ = ("year", "mentions")

    def __init__(self, year, mentions):
        self.year = year
        self.mentions = mentions


_YEAR_NEG = re.compile(r"^\s*(-\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def year_of(v) -> int | None:
    """A year from an int or a string: the first run of exactly 4 digits
    ('1998a', 'c. 1600', '1991--1992', '2019-01-15'); a leading '-YYYY' is a
    negative EDTF year ('-3000~'); '19xx', '198?' and '??' have none."""
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v)
    s = str(v)
    m = _YEAR_NEG.match(s) or _YEAR.search(s)
    return int(m.group(1)) if m else None


class Stats:
    def __init__(self):
        self.skipped = 0
        self.warnings = 0


def read_bibtex(text: str, stats: Stats, opts):
    parser = BibParser(text)
    for typ, key, fields in parser.entries():
        year = None
        for fname in ("year", "date"):
            if fname in fields:
                year = year_of(decode_tex(fields[fname]))
                if year is not None:
                    break
        mentions = []
        for raw in split_bibtex_authors(fields.get("author", "")):
            if collapse(raw).lower() == "others":
                continue
            m = bibtex_mention(raw)
            if m is None:
                if raw.strip():
                    stats.warnings += 1
                continue
            mentions.append(m)
        yield Record(year, mentions)
    stats.skipped += parser.skipped


def _plain_mentions(names, stats: Stats):
    out = []
    for raw in strip_et_al(names):
        m = plain_mention(raw)
        if m is None:
            stats.warnings += 1
            continue
        out.append(m)
    return out


def read_delimited(text: str, delimiter: str, stats: Stats, opts):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    cols = [h.strip().lstrip("\ufeff").lower() for h in header]

    def find(cands):
        for c in cands:
            if c in cols:
                return cols.index(c)
        return None

    a_col = find(("authors", "author"))
    y_col = find(("year",))
    if a_col is None:
        print("oracle: no authors column; rows skipped", file=sys.stderr)
    sep = opts.author_separator
    for row in reader:
        if not row or all(not c.strip() for c in row):
            continue
        if a_col is None:
            stats.skipped += 1
            continue
        cell = row[a_col] if a_col < len(row) else ""
        year = year_of(row[y_col]) if y_col is not None and y_col < len(row) \
            else None
        names = cell.split(sep) if cell.strip() else []
        yield Record(year, _plain_mentions(names, stats))


def read_jsonl_lines(lines, stats: Stats, opts):
    loads = json.loads
    sep = opts.author_separator
    for line in lines:
        if not line.strip():
            continue
        try:
            obj = loads(line)
        except ValueError:
            stats.skipped += 1
            continue
        if not isinstance(obj, dict):
            stats.skipped += 1
            continue
        year = year_of(obj.get("year"))
        authors = obj.get("authors")
        if authors is None:
            authors = obj.get("author")
        mentions = []
        if isinstance(authors, str):
            authors = authors.split(sep)
        if isinstance(authors, list):
            plain = []
            for a in authors:
                if isinstance(a, str):
                    plain.append(a)
                elif isinstance(a, dict):
                    if plain:
                        mentions.extend(_plain_mentions(plain, stats))
                        plain = []
                    name = a.get("name")
                    if isinstance(name, str) and \
                            collapse(name).lower() in _TRUNCATION_MARKERS:
                        continue
                    m = object_mention(a)
                    if m is None:
                        stats.warnings += 1
                    else:
                        mentions.append(m)
            if plain:
                mentions.extend(_plain_mentions(plain, stats))
        yield Record(year, mentions)


_MONTHS = {m: i + 1 for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}
_ENTRY_LINE = re.compile(
    r"^([A-Z]{2})(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"(\d{1,2})(?:, (\d{4}))?(Code)?$")
_DECLARED = re.compile(r"^(\d+)\s*papers$", re.I)


def read_profile(text: str, stats: Stats, opts):
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    owner = None
    declared = None
    entries = []  # (index, match)
    for i, ln in enumerate(lines):
        s = ln.strip()
        m = _ENTRY_LINE.match(s)
        if m:
            entries.append((i, m))
            continue
        if entries:
            continue
        if owner is None and s:
            owner = collapse(s)
        elif declared is None:
            d = _DECLARED.match(s)
            if d:
                declared = int(d.group(1))
    as_of = opts.as_of
    owner_loose = loose(owner) if owner else ""
    count = 0
    for n, (i, m) in enumerate(entries):
        end = entries[n + 1][0] if n + 1 < len(entries) else len(lines)
        body = [ln.strip() for ln in lines[i + 1:end] if ln.strip()]
        if not body:
            stats.skipped += 1
            continue
        count += 1
        month = _MONTHS[m.group(2)]
        day = int(m.group(3))
        if m.group(4):
            year = int(m.group(4))
        else:
            year = as_of.year
            if (month, day) > (as_of.month, as_of.day):
                year -= 1
        names = strip_et_al(body[1].split(",")) if len(body) > 1 else []
        if owner and owner_loose not in {loose(x) for x in names}:
            names.append(owner)
        yield Record(year, _plain_mentions(names, stats))
    if declared is not None and declared != count:
        print(f"oracle: profile declares {declared} papers, read {count}",
              file=sys.stderr)


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------

def _kind(name: str) -> str:
    low = name.lower()
    if low.endswith(".xz"):
        low = low[:-3]
    for ext, kind in ((".bib", "bib"), (".bibtex", "bib"), (".csv", "csv"),
                      (".tsv", "tsv"), (".jsonl", "jsonl"),
                      (".ndjson", "jsonl")):
        if low.endswith(ext):
            return kind
    return "profile"


def _read_text(path: str) -> str:
    if path.lower().endswith(".xz"):
        data = lzma.open(path).read()
    else:
        with open(path, "rb") as f:
            data = f.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def expand_inputs(paths):
    """Files as given; directories recursively, all files in sorted path
    order (hidden files and folders skipped)."""
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(os.path.join(root, f) for f in files
                             if not f.startswith("."))
            yield from sorted(found)
        else:
            yield p


def _scholarly_kind(path: str, kind: str):
    """OpenAlex/S2/CSL/RIS/WoS/MEDLINE by content, for files the extension
    does not settle: anything not BibTeX/CSV/TSV, and .jsonl of OpenAlex works."""
    if kind not in ("profile", "jsonl") or path.lower().endswith(".xz"):
        return None
    with open(path, "rb") as f:
        text = f.read().decode("utf-8-sig", errors="replace")
    found = scholarly_formats.detect(path, text)
    if kind == "jsonl" and found != "openalex":
        return None
    return found


def read_scholarly(path: str, kind: str, stats: Stats):
    _, records, skipped = scholarly_formats.read(path, kind)
    stats.skipped += skipped
    for r in records:
        mentions = []
        for a in r["authors"]:
            m = make_mention(a["given"], a["family"], a["ids"], a["corporate"])
            if m is None:
                stats.warnings += 1
            else:
                mentions.append(m)
        yield Record(year_of(r["year"]), mentions)


def read_file(path: str, stats: Stats, opts):
    kind = _kind(os.path.basename(path))
    scholarly = _scholarly_kind(path, kind)
    if scholarly:
        yield from read_scholarly(path, scholarly, stats)
        return
    if kind == "jsonl":
        if path.lower().endswith(".xz"):
            f = lzma.open(path, "rt", encoding="utf-8", errors="replace")
        else:
            f = open(path, "r", encoding="utf-8", errors="replace")
        with f:
            yield from read_jsonl_lines(f, stats, opts)
        return
    text = _read_text(path)
    if kind == "bib":
        yield from read_bibtex(text, stats, opts)
    elif kind == "csv":
        yield from read_delimited(text, ",", stats, opts)
    elif kind == "tsv":
        yield from read_delimited(text, "\t", stats, opts)
    else:
        yield from read_profile(text, stats, opts)


# --------------------------------------------------------------------------
# Optional: aliases and merge-initials
# --------------------------------------------------------------------------

def load_aliases(path: str) -> dict:
    """VOSviewer thesaurus: name key of `label` -> Mention of `replace by`."""
    table = {}
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows:
        return table
    head = [h.strip().lower() for h in rows[0]]
    try:
        li, ri = head.index("label"), head.index("replace by")
    except ValueError:
        li, ri = 0, 1
    for row in rows[1:]:
        if len(row) <= max(li, ri):
            continue
        src = plain_mention(row[li])
        dst = plain_mention(row[ri])
        if src is not None and not src.has_id and dst is not None:
            table[src.key] = dst
    return table


_INITIAL_SPLIT = re.compile(r"[\s.\-\u2010\u2011]+")


def _initials_only(given: str):
    pieces = [p for p in _INITIAL_SPLIT.split(given) if p]
    if pieces and all(len(p) == 1 and p.isalpha() for p in pieces):
        return [norm(p) for p in pieces]
    return None


def _full_initials(given: str):
    pieces = [p for p in _INITIAL_SPLIT.split(given) if p]
    return [norm(p)[0] for p in pieces if norm(p)]


# --------------------------------------------------------------------------
# Graph
# --------------------------------------------------------------------------

def build(records, opts, stats: Stats):
    lo, hi = opts.year_from, opts.year_to
    max_a = opts.max_authors
    aliases = opts.alias_table

    papers = 0
    mentions = 0
    hyper = 0
    first_year = last_year = None

    index: dict[str, int] = {}
    spell_first: list[str] = []      # first spelling per node
    spell_count: dict[int, Counter] = {}  # nodes with >1 distinct spelling
    spell_n: list[int] = []          # count of the first spelling
    node_givens: list[set] = []      # given spellings (--merge-initials)
    node_family_key: list[str] = []
    node_idkey: list[bool] = []
    paper_nodes: list = []           # only kept for --merge-initials
    edges: Counter = Counter()
    total_fractional_halves = 0      # Σ n over edge-adding papers; /2 later

    merge = opts.merge_initials
    for rec in records:
        if lo is not None or hi is not None:
            y = rec.year
            if y is None or (lo is not None and y < lo) or \
                    (hi is not None and y > hi):
                continue
        papers += 1
        if rec.year is not None:
            if first_year is None or rec.year < first_year:
                first_year = rec.year
            if last_year is None or rec.year > last_year:
                last_year = rec.year
        ms = rec.mentions
        mentions += len(ms)
        ids = []
        seen = set()
        for m in ms:
            if aliases and not m.has_id and m.key in aliases:
                m = aliases[m.key]
            k = m.key
            i = index.get(k)
            if i is None:
                i = len(spell_first)
                index[k] = i
                spell_first.append(m.spelling)
                spell_n.append(1)
                if merge:
                    node_givens.append({m.given})
                node_family_key.append("" if m.corporate or m.has_id
                                       else k.split("|", 1)[1])
                node_idkey.append(m.has_id or m.corporate)
            else:
                if merge:
                    node_givens[i].add(m.given)
                if m.spelling == spell_first[i]:
                    spell_n[i] += 1
                else:
                    c = spell_count.get(i)
                    if c is None:
                        c = spell_count[i] = Counter()
                    c[m.spelling] += 1
            if i not in seen:
                seen.add(i)
                ids.append(i)
        if merge:
            paper_nodes.append(ids)
            continue
        n = len(ids)
        if max_a and n > max_a:
            hyper += 1
            continue
        if n >= 2:
            total_fractional_halves += n
            ids.sort()
            edges.update((a << 32) | b for a, b in
                         itertools.combinations(ids, 2))

    nnodes = len(spell_first)
    if merge:
        # --merge-initials: map initials-only names onto the single full-name
        # identity with the same family key and matching initials.
        by_family: dict[str, list[int]] = {}
        for i in range(nnodes):
            if not node_idkey[i]:
                by_family.setdefault(node_family_key[i], []).append(i)
        target = list(range(nnodes))
        for fam, members in by_family.items():
            if len(members) < 2:
                continue
            # an identity is written out in full when one of its given
            # spellings is not initials-only; it is a candidate for every
            # initials sequence that one of those spellings yields
            full = []
            initials_only = []
            for i in members:
                givens = [g for g in node_givens[i] if g]
                if not givens:
                    continue
                inis = [_initials_only(g) for g in givens]
                if all(x is not None for x in inis):
                    initials_only.append((i, inis))
                else:
                    full.append((i, {tuple(_full_initials(g)) for g, x in
                                     zip(givens, inis) if x is None}))
            for i, inis in initials_only:
                wanted = {tuple(x) for x in inis}
                cands = [j for j, fi in full if fi & wanted]
                if len(cands) == 1:
                    target[i] = cands[0]
        # renumber
        remap = {}
        for i in range(nnodes):
            t = target[i]
            if t not in remap:
                remap[t] = len(remap)
        merged_spell: list[Counter] = [Counter() for _ in remap]
        for i in range(nnodes):
            j = remap[target[i]]
            merged_spell[j][spell_first[i]] += spell_n[i]
            if i in spell_count:
                merged_spell[j].update(spell_count[i])
        nnodes = len(remap)
        spell_first = [None] * nnodes
        spell_n = [0] * nnodes
        spell_count = {j: c for j, c in enumerate(merged_spell)}
        for ids in paper_nodes:
            ids = sorted({remap[target[i]] for i in ids})
            n = len(ids)
            if max_a and n > max_a:
                hyper += 1
                continue
            if n >= 2:
                total_fractional_halves += n
                edges.update((a << 32) | b for a, b in
                             itertools.combinations(ids, 2))
        paper_nodes = None

    # degrees + components
    parent = list(range(nnodes))

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    degree = [0] * nnodes
    total_weight = 0
    mask = (1 << 32) - 1
    for k, w in edges.items():
        a = k >> 32
        b = k & mask
        degree[a] += 1
        degree[b] += 1
        total_weight += w
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    sizes = Counter(find(i) for i in range(nnodes))
    components = len(sizes)
    largest = max(sizes.values()) if sizes else 0
    isolated = sum(1 for d in degree if d == 0)

    def display(i):
        c = spell_count.get(i)
        if spell_first[i] is not None:
            if not c:
                return spell_first[i]
            c = Counter(c)
            c[spell_first[i]] += spell_n[i]
        best = max(c.items(), key=lambda kv: (kv[1], len(kv[0])))
        top = [s for s, v in c.items()
               if v == best[1] and len(s) == len(best[0])]
        return min(top)

    # top 10 by degree, ties by display name (code points)
    if nnodes:
        order = sorted(range(nnodes), key=lambda i: -degree[i])
        cutoff = degree[order[min(9, nnodes - 1)]]
        cands = [i for i in order if degree[i] >= cutoff]
        named = sorted(((display(i), degree[i]) for i in cands),
                       key=lambda t: (-t[1], t[0]))
        top = [[name, d] for name, d in named[:10]]
    else:
        top = []

    return {
        "papers": papers,
        "mentions": mentions,
        "authors": nnodes,
        "edges": len(edges),
        "total_weight": total_weight,
        "total_fractional": total_fractional_halves / 2,
        "components": components,
        "largest_component": largest,
        "isolated": isolated,
        "first_year": first_year,
        "last_year": last_year,
        "hyperauthored_papers": hyper,
        "skipped_records": stats.skipped,
        "top_degree": top,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--as-of", dest="as_of", default=None,
                    help="YYYY-MM-DD (default: today)")
    ap.add_argument("--max-authors", dest="max_authors", type=int,
                    default=100)
    ap.add_argument("--from", dest="year_from", type=int, default=None)
    ap.add_argument("--to", dest="year_to", type=int, default=None)
    ap.add_argument("--author-separator", dest="author_separator",
                    default=";")
    ap.add_argument("--aliases", default=None)
    ap.add_argument("--merge-initials", dest="merge_initials",
                    action="store_true")
    opts = ap.parse_args(argv)
    opts.as_of = (_dt.date.fromisoformat(opts.as_of) if opts.as_of
                  else _dt.date.today())
    opts.alias_table = load_aliases(opts.aliases) if opts.aliases else None
    stats = Stats()

    def records():
        for path in expand_inputs(opts.inputs):
            yield from read_file(path, stats, opts)

    result = build(records(), opts, stats)
    if stats.warnings:
        print(f"oracle: {stats.warnings} mention(s) without a family name "
              f"skipped", file=sys.stderr)
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
