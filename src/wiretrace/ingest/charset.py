"""Bytes to text: BOMs, BOM-less UTF-16/32, declared charsets checked against the bytes, binary refused.

Order, as browsers do it (WHATWG "encoding sniffing"): a BOM wins; then a declared charset (HTTP header,
then ``<meta>``) when the bytes agree with it; then UTF-8; then detection (charset-normalizer). A page
that declares UTF-8 but is not valid UTF-8 (typically Latin-1 / windows-1252 saved by an old CMS) is
decoded by detection, with a warning, instead of being mis-decoded.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from wiretrace.errors import IngestError

# Share of control characters above which bytes are taken for a binary file, not text.
_BINARY_CONTROL_SHARE = 0.1
_HEAD = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data (name the file .gz)"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""", re.I)
_SINGLE_BYTE_WESTERN = {"iso8859-1", "latin-1", "cp1252", "iso8859-15", "ascii"}


def _codec(name: str | None) -> str | None:
    """Python's codec name for a declared charset, or None when unknown."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'").lower())
    except LookupError:
        return None
    # Browsers read ISO-8859-1 and ASCII labels as windows-1252 (WHATWG); so do we.
    return "cp1252" if info.name in ("iso8859-1", "latin-1", "ascii") else info.name


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares in its first bytes (``<meta charset>`` or the XML declaration)."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def _nul_pattern(head: bytes) -> str | None:
    """UTF-16/32 without a BOM, recognised by where mostly-ASCII text puts its NUL bytes."""
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    head = head[:n]

    def zero_share(view: bytes) -> float:
        return view.count(0) / max(1, len(view))

    lanes4 = [zero_share(head[i::4]) for i in range(4)]
    if lanes4[0] < 0.1 and min(lanes4[1:]) > 0.9:
        return "utf-32-le"
    if lanes4[3] < 0.1 and min(lanes4[:3]) > 0.9:
        return "utf-32-be"
    even, odd = zero_share(head[0::2]), zero_share(head[1::2])
    if even < 0.1 and odd > 0.7:
        return "utf-16-le"
    if odd < 0.1 and even > 0.7:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> str | None:
    best = from_bytes(data[:1_000_000]).best()
    return str(best.encoding) if best is not None else None


# Non-ASCII characters that Western text written in windows-1252 plausibly holds besides letters.
_WESTERN_PUNCT = frozenset("\u00a0«»“”‘’„‚–—…€£°·¡¿§©®™•×÷±½¼¾ºª¹²³µ¶")


def _plausible_western(text: str) -> bool:
    """Text decoded as windows-1252 reads as a Western European language, not as mojibake.

    Latin-script languages write mostly ASCII letters with a few accented ones; another single-byte
    script read as windows-1252 (Cyrillic, Greek) turns whole words into accented letters, and
    Central European text shows symbols inside words ("mo¿e", "w³adza"). Hand-written because
    charset-normalizer, tuned for short samples, picks cp1250 or cp1258 for most such pages.
    """
    letters = non_ascii_letters = 0
    for i, ch in enumerate(text):
        if ch.isascii():
            letters += ch.isalpha()
            continue
        if ch.isalpha():
            letters += 1
            non_ascii_letters += 1
        elif ch not in _WESTERN_PUNCT or (
            0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
        ):
            return False  # a control, a stray symbol, or a symbol inside a word
    return letters > 0 and non_ascii_letters <= 0.25 * letters


def _decode_legacy(data: bytes, source: str) -> tuple[str, str]:
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _plausible_western(western[:200_000]):
        return western, "cp1252"
    encoding = _detect(data)
    if encoding is None:
        raise IngestError(f"{source}: not decodable as text in any known encoding")
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise IngestError(f"{source}: not decodable as text in any known encoding") from None


def decode_document(data: bytes, source: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode ``data`` to text and say what needed guessing; raise ``IngestError`` on binary or empty data.

    ``declared`` is the charset the transport gave (HTTP ``Content-Type``, a WARC record's header); an
    HTML document's own declaration is read when there is none.
    """
    warnings: list[str] = []
    if not data.strip():
        raise IngestError(f"{source}: empty input")
    head = data[:_HEAD]
    text: str | None = None
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            text = _strict(data[len(bom) :], encoding, source)
            break
    if text is None and b"\x00" in head:
        encoding_guess = _nul_pattern(head)
        if encoding_guess is None:
            raise IngestError(f"{source}: looks like a binary file (NUL bytes), not text or HTML")
        text = _strict(data, encoding_guess, source)
    if text is None:
        for magic, what in _MAGIC:
            if head.startswith(magic):
                raise IngestError(f"{source}: looks like a binary file ({what}), not text or HTML")
        text = _decode_declared(data, source, declared, warnings)
    if not text.strip():
        raise IngestError(f"{source}: empty input")
    sample = text[:_HEAD]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > _BINARY_CONTROL_SHARE * len(sample):
        raise IngestError(f"{source}: looks like a binary file (control characters), not text or HTML")
    return text, warnings


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(f"{source}: invalid {encoding} at byte {exc.start}") from None


def _decode_declared(data: bytes, source: str, declared: str | None, warnings: list[str]) -> str:
    label = declared or declared_charset(data)
    codec = _codec(label)
    if label and codec is None:
        warnings.append(f"{source}: unknown declared charset {label!r}; the encoding was detected")
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if codec in (None, "utf-8"):
        if utf8 is not None:
            return utf8
        text, found = _decode_legacy(data, source)
        if codec == "utf-8":
            warnings.append(f"{source}: declares UTF-8 but is not valid UTF-8; decoded as {found} (detected)")
        return text
    if utf8 is not None and not data.isascii() and codec in _SINGLE_BYTE_WESTERN:
        # Valid multi-byte UTF-8 is all but impossible by chance in a single-byte Western charset.
        warnings.append(f"{source}: declares {label} but is valid UTF-8; decoded as UTF-8")
        return utf8
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        text, found = _decode_legacy(data, source)
        warnings.append(
            f"{source}: declares {label} but does not decode as it; decoded as {found} (detected)"
        )
        return text
