#!/usr/bin/env python3
"""Independent counts for the BibTeX reader tests (standard library only).

Deliberately simple and line-oriented, unlike the Swift reader's byte-level state machine:
- an entry is a line whose first non-blank character is '@' followed by a type name and '{' or '(';
  @string, @comment and @preamble are not entries (everything else is, @xdata and @set too);
- an entry's text runs to the next such line;
- its author field is the first line-start `author =` in that text; the value is read with a plain
  brace/quote matcher, `#` concatenation and @string macros (defined earlier in the file, plus jan..dec);
- names are the pieces of the value split on whitespace-'and'-whitespace outside braces (found by
  blanking out everything inside braces first); empty pieces are dropped and 'others' is counted as a
  truncation, not a name.

Usage: python3 Tests/oracle/bibtex_counts.py FILE...   (prints one line per file)
Output columns: entries, entries-with-authors, author-mentions, entries-with-'and others'.
"""
import re
import sys

ENTRY = re.compile(r'^[ \t]*@[ \t]*([A-Za-z][^\s{(]*)[ \t]*[{(]', re.M)
AUTHOR = re.compile(r'^[ \t]*author[ \t]*=[ \t]*', re.M | re.I)
STRING = re.compile(r'^[ \t]*@[ \t]*string[ \t]*[{(][ \t]*([^\s=]+)[ \t]*=[ \t]*', re.M | re.I)
SPLIT = re.compile(r'\s+and\s+', re.I)


def read_value(text, pos, macros):
    """Value at text[pos:] -> (string, end). Handles {..}, ".." , digits, macros and #."""
    out = []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        c = text[pos]
        if c == '{':
            depth, start = 0, pos
            while pos < len(text):
                if text[pos] == '{':
                    depth += 1
                elif text[pos] == '}':
                    depth -= 1
                    if depth == 0:
                        break
                pos += 1
            out.append(text[start + 1:pos])
            pos += 1
        elif c == '"':
            depth, start = 0, pos + 1
            pos += 1
            while pos < len(text) and not (text[pos] == '"' and depth == 0):
                depth += {'{': 1, '}': -1}.get(text[pos], 0)
                pos += 1
            out.append(text[start:pos])
            pos += 1
        else:
            m = re.match(r'[^\s,#}{)(="]+', text[pos:])
            if not m:
                break
            word = m.group(0)
            out.append(word if word.isdigit() else macros.get(word.lower(), ''))
            pos += len(word)
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos < len(text) and text[pos] == '#':
            pos += 1
            continue
        break
    return ''.join(out), pos


def blank_braces(s):
    depth, out = 0, []
    for ch in s:
        if ch == '{':
            depth += 1
        elif ch == '}':
            depth -= 1
        out.append(ch if depth == 0 and ch != '}' else 'x')
    return ''.join(out)


def count_file(path):
    text = open(path, encoding='utf-8').read()
    macros = {m: m.capitalize() for m in
              ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']}
    starts = [(m.start(), m.group(1).lower()) for m in ENTRY.finditer(text)]
    entries = with_authors = mentions = truncated = 0
    for k, (start, kind) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        body = text[start:end]
        if kind == 'string':
            m = STRING.match(body)
            if m:
                macros[m.group(1).lower()], _ = read_value(body, m.end(), macros)
            continue
        if kind in ('comment', 'preamble'):
            continue
        entries += 1
        m = AUTHOR.search(body)
        if not m:
            continue
        value, _ = read_value(body, m.end(), macros)
        blanked = blank_braces(value)
        pieces, last = [], 0
        for sm in SPLIT.finditer(blanked):
            pieces.append(value[last:sm.start()])
            last = sm.end()
        pieces.append(value[last:])
        names = [p.strip() for p in pieces if p.strip()]
        if any(p.lower() == 'others' for p in names):
            truncated += 1
        names = [p for p in names if p.lower() != 'others']
        if names:
            with_authors += 1
        mentions += len(names)
    return entries, with_authors, mentions, truncated


if __name__ == '__main__':
    for path in sys.argv[1:]:
        e, w, m, t = count_file(path)
        print(f'{path}\t{e}\t{w}\t{m}\t{t}')
