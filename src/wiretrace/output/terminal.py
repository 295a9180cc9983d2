"""Make document text safe for a terminal: the one sanitiser every terminal writer uses.

Article text, titles, ids, outlet names and source paths are untrusted. Written raw to a terminal, an
escape sequence in them can clear the screen, retitle the window, write the clipboard (OSC 52) or make
the terminal answer a query by "typing" on stdin; bidi overrides can reorder what a reader sees. Rich
strips only BEL, BS, VT, FF and CR, so this module removes:

- whole ESC sequences (CSI ``ESC [ ... final``, OSC ``ESC ] ... BEL|ST``, DCS/SOS/PM/APC ``... ST`` and
  two-character ``ESC x``), and their 8-bit C1 forms (``\\x9b``, ``\\x9d``, ``\\x90``...);
- every other C0 and C1 control and DEL (tab and line ends become a space; newlines are kept only where
  asked);
- bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). The plain marks LRM, RLM and
  ALM stay: they do not reorder runs and right-to-left text needs them.

Hand-written because no installed library covers C1 forms and bidi controls together; the grammar is
ECMA-48's (sections 5.4-5.6).
"""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text

# String-type sequences run to ST (ESC \ or \x9c) or, for OSC, BEL; an unterminated one runs to the end.
_STRING_SEQ = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
# CSI: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, one final byte 0x40-0x7E.
_CSI_SEQ = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
# Any other escape: intermediates then one final byte (ESC c resets the terminal, ESC 7 saves the cursor).
_ESC_SEQ = r"\x1b[\x20-\x2f]*[\x30-\x7e]?"
_SEQUENCE = re.compile(f"{_STRING_SEQ}|{_CSI_SEQ}|{_ESC_SEQ}")

_BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_DROP: dict[int, Any] = {cp: None for cp in (*_CONTROLS, *_BIDI_CONTROLS)}
_DROP.update({ord("\t"): " ", ord("\n"): " ", ord("\r"): " "})
_DROP_KEEP_NEWLINES = {**_DROP, ord("\n"): "\n"}

# Raw characters JSON may carry unescaped that a terminal still acts on; escaping them is lossless.
# Found by one regex scan: ``str.translate`` with a table looks up every character in Python, and
# escaping the JSONL of a batch cost a tenth of the parent process's CPU.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` without escape sequences, control characters or bidi overrides (see the module doc)."""
    if text.isprintable():  # controls and bidi controls (category Cc, Cf) are not printable
        return text
    text = _SEQUENCE.sub("", text)
    return text.translate(_DROP_KEEP_NEWLINES if keep_newlines else _DROP)


def escape_json(line: str) -> str:
    """A JSON text with DEL, C1 controls and bidi controls written as ``\\uXXXX`` (same value, inert)."""
    if line.isascii():
        return line if "\x7f" not in line else line.replace("\x7f", "\\u007f")
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


class SafeText(Text):
    """A ``rich.text.Text`` whose content is always passed through :func:`clean` (newlines kept)."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(clean(text, keep_newlines=True), *args, **kwargs)

    def append(self, text: str | Text, style: Any = None) -> SafeText:
        if isinstance(text, str):
            text = clean(text, keep_newlines=True)
        elif not isinstance(text, SafeText):
            text = SafeText(text.plain, style=text.style)
        super().append(text, style)
        return self

    def __add__(self, other: Any) -> Text:
        if isinstance(other, str | Text):
            result = SafeText(self.plain, style=self.style)
            result.spans[:] = self.spans
            result.append(other)
            return result
        return NotImplemented
