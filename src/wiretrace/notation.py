"""Notation that does not change what a text says: typographic marks, accents, transliteration, amounts.

Shared by the reuse normaliser (folding before matching) and the integrity detectors (a copy that only
changed notation is neither spun nor a different statement). The tables are lexicons.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from wiretrace import lexicons


def _typography_table() -> dict[int, str]:
    """Dashes, quotation marks, guillemets, apostrophes and letters NFKD leaves alone, as ASCII."""
    table: dict[int, str] = {}
    for line in lexicons.entries("reuse_typography"):
        ascii_form, variants = line.split(None, 1)
        for ch in variants.split():
            table[ord(ch)] = "" if ascii_form == "<none>" else ascii_form
    return table


_TYPOGRAPHY = _typography_table()


def deaccent(token: str) -> str:
    """ASCII look-alike of a token: typographic marks unified, diacritics and special letters folded."""
    token = token.translate(_TYPOGRAPHY)
    if token.isascii():
        return token
    token = unicodedata.normalize("NFKD", token)
    return "".join(c for c in token if not unicodedata.combining(c))


_WORDS = re.compile(r"[^\W_]+")
_REPEAT = re.compile(r"(.)\1+")
# Transliteration endings of one sound (Zelenskiy, Zelenskyy, Zelensky): one spelling.
_TRANSLIT_END = re.compile(r"(?:iy|yy|ij|ii)$")
_AMOUNT = re.compile(
    r"(?P<pre>[^\W\d]{0,3}[$£€¥₹₽]|\b[a-z]{3}\b)?\s*(?P<num>\d+(?:[.,]\d+)*)\s*(?P<mult>[a-z]+)?\s*(?P<post>[a-z]+)?"
)


def surface_key(text: str) -> str:
    """A spelling-blind key: the same for typographic, diacritic and common transliteration variants.

    Case, punctuation, accents, doubled letters and the -iy/-yy/-ij endings are dropped, so
    "Médecins" and "Medecins", "Zelenskyy" and "Zelensky", "—" and "-" give one key.
    """
    words = _WORDS.findall(deaccent(text.lower()))
    return " ".join(_TRANSLIT_END.sub("y", _REPEAT.sub(r"\1", w)) for w in words)


def amount(text: str) -> tuple[str, float] | None:
    """The money or quantity one short phrase states: ("usd", 5e6) for "$5m", "5 million dollars",
    "US$5,000,000"; None when it holds no number or more than one."""
    low = deaccent(text.lower())
    found = list(_AMOUNT.finditer(low))
    found = [m for m in found if m.group("num")]
    if len(found) != 1:
        return None
    m = found[0]
    value = float(m.group("num").replace(",", ""))
    currencies = _currencies()
    multipliers = _multipliers()
    currency = ""
    pre = (m.group("pre") or "").strip()
    if pre:
        currency = currencies.get(pre, currencies.get(pre[-1:], ""))
    words = [w for w in (m.group("mult"), m.group("post")) if w]
    for w in words:
        if w in multipliers:
            value *= multipliers[w]
        elif w in currencies and not currency:
            currency = currencies[w]
    return currency, value


def same_statement(a: str, b: str) -> bool:
    """Two short phrases that differ only in notation: spelling-blind equal, or the same amount."""
    if surface_key(a) == surface_key(b):
        return True
    x, y = amount(a), amount(b)
    return x is not None and x == y


@functools.cache
def _currencies() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lexicons.entries("reuse_currencies"):
        code, *forms = line.split()
        out.update((f, code) for f in (code, *forms))
    return out


@functools.cache
def _multipliers() -> dict[str, float]:
    out: dict[str, float] = {}
    for line in lexicons.entries("reuse_multipliers"):
        value, *forms = line.split()
        out.update((f, float(value)) for f in forms)
    return out
