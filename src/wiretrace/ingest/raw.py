"""The unit every reader produces: bytes or text plus what is known about them."""

from __future__ import annotations

from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from wiretrace.errors import IngestError

# Share of control characters above which bytes are taken for a binary file, not text.
_BINARY_CONTROL_SHARE = 0.1


@dataclass
class RawDocument:
    """One document as read: ``content`` is text (decoded) or HTML; ``metadata`` holds record fields."""

    content: str
    content_type: str  # "text/plain" or "text/html"
    source: str  # where it came from, for error messages: "path", "path:line", "<stdin>"
    metadata: dict[str, str] = field(default_factory=dict)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8, else the detected charset; refuse binary data with a clear error."""
    if not data.strip():
        raise IngestError(f"{source}: empty input")
    head = data[:8192]
    if b"\x00" in head:
        raise IngestError(f"{source}: looks like a binary file (NUL bytes), not text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise IngestError(f"{source}: not decodable as text in any known encoding") from None
        text = str(best)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > _BINARY_CONTROL_SHARE * min(len(text), 8192):
        raise IngestError(f"{source}: looks like a binary file (control characters), not text or HTML")
    return text


def sniff_type(text: str) -> str:
    """HTML when the text starts like markup, else plain text."""
    head = text.lstrip()[:1024].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head or "<p>" in head):
        return "text/html"
    return "text/plain"
