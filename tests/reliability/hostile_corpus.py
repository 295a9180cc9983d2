"""Generate a hostile-input corpus: one JSONL file of records plus a directory of standalone files.

Every text here is generated from invented names and templates. Categories cover encodings and lone
surrogates, binary input, truncated and deeply nested HTML and JSON, huge numbers and huge lines,
quote-mark storms, control and bidi characters, wrong JSON types, SQL and path-traversal ids, and markup
and terminal escapes in ids, titles and text. Run as a script to write one::

    python tests/reliability/hostile_corpus.py OUT_DIR --records 10000
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ["Tova", "Ansel", "Mara", "Ilse", "Oren", "Pell", "Runa", "Cato", "Yusra", "Bram"]
LAST = ["Lind", "Brook", "Quill", "Marrow", "Fenn", "Ostby", "Vale", "Kerrow", "Saade", "Thorne"]
PLACES = ["Port Elm", "Gullhaven", "Stavik", "Norrow Bay", "Tarn Cross"]
OUTLETS = ["Gull Post", "Harbour Ledger", "Stavik Courier", "Tarn Wire"]
ESCAPES = [
    "\x1b[2J\x1b[H",
    "\x1b]0;pwned\x07",
    "\x1b]52;c;ZWNobyBoYWNrZWQ=\x07",
    "\x1b[6n",
    "\x1b[?1049h",
    "\x9b2J",
    "\x9d0;t\x9c",
    "\x1bP+q544e\x1b\\",
    "\u202e\u2066",
]
SQL_IDS = ["1; DROP TABLE articles;--", "' OR '1'='1", 'x"); DELETE FROM failures; --', "Robert'); --"]
PATH_IDS = ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "a/../../b", "%2e%2e%2fsecret"]


def _sentence(rng: random.Random) -> str:
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    where = rng.choice(PLACES)
    verbs = ["said", "told reporters", "added", "warned", "argued"]
    return rng.choice(
        [
            f'"The ferry will run again next week," {who} {rng.choice(verbs)} in {where}.',
            f"{who} {rng.choice(verbs)} that the harbour board in {where} would meet on Tuesday.",
            f"Fares in {where} rose by {rng.randint(2, 40)} percent, according to {rng.choice(OUTLETS)}.",
        ]
    )


def _text(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _rec(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=rng_ascii[0])


rng_ascii = [True]


def _nested(depth: int, open_: str, close: str) -> str:
    return open_ * depth + close * depth


# Each generator returns one JSONL line (a str, UTF-8 encoded when written, or raw bytes).
def good(rng: random.Random, i: int) -> str | bytes:
    return _rec(id=f"g{i}", title=f"Ferry news {i}", outlet=rng.choice(OUTLETS), text=_text(rng))


def lone_surrogate(rng: random.Random, i: int) -> str | bytes:
    body = json.dumps(_text(rng, 2))[1:-1]  # escaped for the hand-written JSON
    return f'{{"id": "s{i}\\ud800", "title": "\\udfff", "text": "{body} \\ud83d broken pair"}}'


def huge_number(rng: random.Random, i: int) -> str | bytes:
    digits = "9" * rng.choice([4301, 5000, 20000])
    where = rng.choice(["outlet", "text", "id", "extra"])
    body = _text(rng, 2)
    fields = {"id": f'"n{i}"', "text": json.dumps(body), where: digits}
    return "{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}"


def deep_json(rng: random.Random, i: int) -> str | bytes:
    depth = rng.choice([2000, 50_000, 200_000])
    inner = _nested(depth, "[", "]") if rng.random() < 0.5 else '{"a":' * depth + "1" + "}" * depth
    return f'{{"id": "d{i}", "text": {inner}}}'


def wrong_types(rng: random.Random, i: int) -> str | bytes:
    choice = rng.randrange(8)
    text = _text(rng, 2)
    options: list[dict[str, object]] = [
        {"id": f"w{i}", "text": 12345},
        {"id": f"w{i}", "text": ["a", "list"]},
        {"id": f"w{i}", "text": {"nested": text}},
        {"id": [f"w{i}"], "text": text},
        {"id": {"k": i}, "text": text},
        {"id": f"w{i}", "text": True},
        {"id": f"w{i}", "html": 3.5},
        {"id": f"w{i}", "text": text, "title": ["t"], "published": {"y": 2026}},
    ]
    return json.dumps(options[choice])


def not_an_object(rng: random.Random, i: int) -> str | bytes:
    return rng.choice(['["a", "b"]', '"just a string"', "42", "null", "true", "[]", "{}"])


def broken_json(rng: random.Random, i: int) -> str | bytes:
    line = json.dumps({"id": f"b{i}", "text": _text(rng, 2)})
    return line[: rng.randrange(1, len(line) - 1)]


def empty_text(rng: random.Random, i: int) -> str | bytes:
    return json.dumps({"id": f"e{i}", "text": rng.choice(["", " ", "\n\t\n", "\u200b"])})


def controls_and_bidi(rng: random.Random, i: int) -> str | bytes:
    evil = "".join(rng.sample(ESCAPES, 3)) + "\x00\x07\x08\x7f\u202e"
    return json.dumps(
        {
            "id": f"c{i}",
            "title": f"Title {evil} end",
            "outlet": f"Outlet{evil}",
            "text": f"{_text(rng, 2)} {evil} {_sentence(rng)}",
        }
    )


def escapes_in_id(rng: random.Random, i: int) -> str | bytes:
    return json.dumps({"id": f"x{i}{rng.choice(ESCAPES)}", "text": _text(rng, 2)})


def markup(rng: random.Random, i: int) -> str | bytes:
    html = (
        f"<html><head><title>[bold red]Boom[/] <script>alert({i})</script></title></head><body>"
        f'<article><p>{_text(rng)}</p><img src=x onerror="alert(1)"><p>[link=file:///etc]x[/link]</p>'
        f"<style>body{{display:none}}</style><p>{_text(rng)}</p></article></body></html>"
    )
    return json.dumps({"id": f"m{i}", "title": "[blink]T[/blink] <b>t</b>", "html": html})


def sql_and_path_ids(rng: random.Random, i: int) -> str | bytes:
    return json.dumps({"id": f"{rng.choice(SQL_IDS + PATH_IDS)}#{i}", "text": _text(rng, 2)})


def quote_storm(rng: random.Random, i: int) -> str | bytes:
    marks = "".join(
        rng.choice(['"', "\u201c", "\u201d", "'", "\u00ab", "\u00bb", "\u2018"]) for _ in range(3000)
    )
    return json.dumps({"id": f"q{i}", "text": f"{_sentence(rng)} {marks} {_sentence(rng)}"})


def huge_line(rng: random.Random, i: int) -> str | bytes:
    size = rng.choice([200_000, 600_000])
    return json.dumps({"id": f"h{i}", "text": ("word " * (size // 5)).strip()})


def deep_html(rng: random.Random, i: int) -> str | bytes:
    depth = rng.choice([300, 3000, 30_000])
    html = "<html><body>" + "<div>" * depth + f"<p>{_text(rng)}</p>" + "</div>" * depth + "</body></html>"
    return json.dumps({"id": f"dh{i}", "html": html})


def truncated_html(rng: random.Random, i: int) -> str | bytes:
    html = f"<html><head><title>Cut</title></head><body><article><p>{_text(rng)}</p><p>{_text(rng)}"
    return json.dumps({"id": f"th{i}", "html": html[: rng.randrange(20, len(html))]})


def invalid_utf8(rng: random.Random, i: int) -> str | bytes:
    return b'{"id": "u%d", "text": "caf\xe9 \xff\xfe ' % i + _text(rng, 2).encode() + b'"}'


def nul_and_nan(rng: random.Random, i: int) -> str | bytes:
    body = json.dumps(_text(rng, 2))[1:-1]  # escaped for the hand-written JSON
    return f'{{"id": "z{i}", "text": "nul \\u0000 here. {body}", "score": NaN, "other": -Infinity}}'


def long_id(rng: random.Random, i: int) -> str | bytes:
    return json.dumps({"id": f"L{i}" + "x" * rng.choice([999, 5000]), "text": _text(rng, 2)})


def unicode_mix(rng: random.Random, i: int) -> str | bytes:
    marks = "e\u0301\u0301\u0301 \U0001f6a2\U0001f3f4\u200d\u2620\ufe0f"
    text = f"港口谈判周一恢复。 {_sentence(rng)} שלום עולם {marks}"
    rng_ascii[0] = rng.random() < 0.5
    try:
        return _rec(id=f"uni{i}", text=text)
    finally:
        rng_ascii[0] = True


def duplicate_id(rng: random.Random, i: int) -> str | bytes:
    return json.dumps({"id": "dup", "text": _text(rng, 2)})


LINE_KINDS: dict[str, tuple[float, Callable[[random.Random, int], str | bytes]]] = {
    "good": (30, good),
    "lone_surrogate": (5, lone_surrogate),
    "huge_number": (4, huge_number),
    "deep_json": (3, deep_json),
    "wrong_types": (6, wrong_types),
    "not_an_object": (4, not_an_object),
    "broken_json": (5, broken_json),
    "empty_text": (3, empty_text),
    "controls_and_bidi": (6, controls_and_bidi),
    "escapes_in_id": (4, escapes_in_id),
    "markup": (4, markup),
    "sql_and_path_ids": (4, sql_and_path_ids),
    "quote_storm": (2, quote_storm),
    "huge_line": (0.3, huge_line),
    "deep_html": (1, deep_html),
    "truncated_html": (3, truncated_html),
    "invalid_utf8": (3, invalid_utf8),
    "nul_and_nan": (3, nul_and_nan),
    "long_id": (2, long_id),
    "unicode_mix": (4, unicode_mix),
    "duplicate_id": (2, duplicate_id),
}


def _files(rng: random.Random, out: Path) -> int:
    """Standalone documents: binary, UTF-16/32 with and without BOM, Latin-1 declared as UTF-8, gz."""
    out.mkdir(parents=True, exist_ok=True)
    text = _text(rng, 5) + " Die Fähre fährt wieder, sagte Jörg Weiß."
    html = f'<html><head><meta charset="utf-8"><title>Fähre</title></head><body><p>{text}</p></body></html>'
    files: dict[str, bytes] = {
        "binary.txt": bytes(rng.randrange(256) for _ in range(4096)),
        "elf": b"\x7fELF\x02\x01\x01" + bytes(500),
        "pdf.html": b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(500)),
        "empty.txt": b"",
        "spaces.txt": b" \n\t ",
        "utf16-bom.txt": text.encode("utf-16"),
        "utf16le.txt": text.encode("utf-16-le"),
        "utf16be.txt": text.encode("utf-16-be"),
        "utf32-bom.txt": text.encode("utf-32"),
        "utf32le.txt": text.encode("utf-32-le"),
        "utf8-bom.txt": codecs.BOM_UTF8 + text.encode(),
        "latin1-declared-utf8.html": html.encode("cp1252"),
        "page.html.gz": gzip.compress(html.encode()),
        "cut.html.gz": gzip.compress(html.encode())[:40],
        "deep.html": ("<div>" * 50_000 + f"<p>{text}</p>").encode(),
        "escape-title.html": (
            f"<html><head><title>T\x1b]0;x\x07</title></head><body><p>{text}</p></body></html>"
        ).encode(),
        "\x1b[2Jname.txt": text.encode(),
        "stdin-like": b'{"id": "broken", "te\n' + json.dumps({"id": "sl", "text": text}).encode() + b"\n",
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    return len(files)


@dataclass
class Corpus:
    jsonl: Path
    files: Path
    records: int
    n_files: int
    kinds: Counter[str] = field(default_factory=Counter)


def write_corpus(out: Path, records: int, seed: int = 13) -> Corpus:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    names = list(LINE_KINDS)
    weights = [LINE_KINDS[k][0] for k in names]
    kinds: Counter[str] = Counter()
    path = out / "hostile.jsonl"
    with path.open("wb") as f:
        for i in range(records):
            kind = names[i] if i < len(names) else rng.choices(names, weights)[0]  # every kind at least once
            kinds[kind] += 1
            line = LINE_KINDS[kind][1](rng, i)
            data = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
            f.write(data.replace(b"\n", b" ") + b"\n")
    n_files = _files(rng, out / "files")
    return Corpus(path, out / "files", records, n_files, kinds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out", type=Path)
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    corpus = write_corpus(args.out, args.records, args.seed)
    print(f"{corpus.records} records in {corpus.jsonl}, {corpus.n_files} files in {corpus.files}")
    for kind, n in sorted(corpus.kinds.items()):
        print(f"  {kind:<20} {n}")


if __name__ == "__main__":
    main()
