"""The one module that knows entity aliases: canonical name -> the other names it goes by.

The built-in table (``data/aliases.json``) holds countries, a few cities and common international bodies,
agencies and outlets; users extend or override it with ``Settings.entities.aliases`` and a JSON file named
by ``Settings.entities.alias_file`` (same shape: ``{"canonical": ["variant", ...]}``, or the built-in
file's ``places`` / ``organizations`` / ``demonyms`` sections). User entries win over built-in ones.

Matching ignores case, a leading "the", spacing and curly apostrophes, except that a variant written
only in capitals ("US", "UK", "WHO") matches only in capitals, so the pronoun "us" and "who" stay words.
Demonyms ("Russian", "Americans") are kept apart: they point at a place without being a name of it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from wiretrace.errors import PipelineError

if TYPE_CHECKING:
    from wiretrace.settings import Settings

Kind = Literal["place", "organization"]
_SECTIONS: dict[str, Kind] = {"places": "place", "organizations": "organization"}
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$")


def _clean(surface: str) -> str:
    s = unicodedata.normalize("NFKC", surface).replace("\u2019", "'").replace("\u2018", "'")
    s = " ".join(s.split())
    s = _POSSESSIVE.sub("", s)
    return _THE.sub("", s).strip()


def _all_caps(s: str) -> bool:
    return any(c.isalpha() for c in s) and s == s.upper()


class AliasTable:
    """Canonical names and their variants, looked up by surface form."""

    def __init__(
        self,
        entries: Mapping[str, Iterable[str]],
        *,
        kinds: Mapping[str, Kind] | None = None,
        demonyms: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self._variants: dict[str, list[str]] = {}
        self._kinds: dict[str, Kind] = dict(kinds or {})
        self._exact: dict[str, str] = {}  # all-caps variants, matched case-sensitively
        self._folded: dict[str, str] = {}  # everything else, matched case-insensitively
        self._demonyms: dict[str, str] = {}
        for canonical, variants in entries.items():
            self._add(canonical, variants)
        for place, forms in (demonyms or {}).items():
            for form in forms:
                self._demonyms[_clean(form).casefold()] = place

    def _add(self, canonical: str, variants: Iterable[str]) -> None:
        canonical = canonical.strip()
        known = self._variants.setdefault(canonical, [])
        for v in variants:
            if v.strip() and v.strip() != canonical and v.strip() not in known:
                known.append(v.strip())
        for form in (canonical, *known):
            key = _clean(form)
            if _all_caps(key):
                self._exact[key] = canonical
            else:
                self._folded[key.casefold()] = canonical

    # -- building -------------------------------------------------------------------------------------

    @classmethod
    def builtin(cls) -> AliasTable:
        """The table shipped with wiretrace (read once per process)."""
        return _builtin()

    @classmethod
    def from_json(cls, data: Any, source: str = "alias data") -> AliasTable:
        """Build from a flat ``{canonical: [variants]}`` mapping or the sectioned built-in shape."""
        if not isinstance(data, dict):
            raise PipelineError(f"{source}: expected a JSON object of canonical name -> variants")
        entries: dict[str, list[str]] = {}
        kinds: dict[str, Kind] = {}
        demonyms: dict[str, list[str]] = {}
        sectioned = any(k in data for k in (*_SECTIONS, "demonyms"))
        for key, value in data.items():
            if key.startswith("_"):
                continue  # comments
            if sectioned and key in _SECTIONS:
                for canonical, variants in _mapping(value, f"{source}: {key}").items():
                    entries[canonical] = variants
                    kinds[canonical] = _SECTIONS[key]
            elif sectioned and key == "demonyms":
                demonyms.update(_mapping(value, f"{source}: demonyms"))
            elif sectioned:
                raise PipelineError(f"{source}: unknown section {key!r} (places, organizations, demonyms)")
            else:
                entries[key] = _strings(value, f"{source}: {key}")
        return cls(entries, kinds=kinds, demonyms=demonyms)

    @classmethod
    def from_file(cls, path: str | Path) -> AliasTable:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise PipelineError(f"cannot read alias file {str(path)!r}: {exc.strerror}") from exc
        except json.JSONDecodeError as exc:
            raise PipelineError(f"alias file {str(path)!r} is not valid JSON: {exc}") from exc
        return cls.from_json(data, f"alias file {str(path)!r}")

    @classmethod
    def default(cls, settings: Settings | None = None) -> AliasTable:
        """Built-in table, then the user's alias file, then ``Settings.entities.aliases`` (cached)."""
        if settings is None:
            return _builtin()
        cfg = settings.entities
        extra = tuple((k, tuple(v)) for k, v in sorted(cfg.aliases.items()))
        return _default(cfg.alias_file, extra)

    def merged(self, other: AliasTable) -> AliasTable:
        """A new table: this one with ``other``'s entries added; ``other`` wins on conflicts."""
        out = AliasTable({})
        for table in (self, other):
            for canonical, variants in table._variants.items():
                out._add(canonical, variants)
            out._kinds.update(table._kinds)
            out._demonyms.update(table._demonyms)
        return out

    # -- lookups --------------------------------------------------------------------------------------

    def canonical(self, surface: str) -> str | None:
        """The canonical name for a surface form ("U.S." -> "United States"), or None when unknown."""
        key = _clean(surface)
        if not key:
            return None
        for candidate in (key, key + "." if "." in key and not key.endswith(".") else None):
            if candidate is None:
                continue
            if candidate in self._exact:
                return self._exact[candidate]
            hit = self._folded.get(candidate.casefold())
            if hit is not None:
                return hit
        return None

    def variants(self, canonical: str) -> list[str]:
        """The other names of a canonical entry (empty for an unknown name)."""
        return list(self._variants.get(canonical, []))

    def kind(self, canonical: str) -> Kind | None:
        """Whether a built-in entry is a place or an organisation (None for user entries)."""
        return self._kinds.get(canonical)

    def demonym_of(self, surface: str) -> str | None:
        """The place a demonym or nationality adjective points at ("Russian" -> "Russia")."""
        return self._demonyms.get(_clean(surface).casefold())

    def canonicals(self) -> list[str]:
        return list(self._variants)

    def as_dict(self) -> dict[str, list[str]]:
        """Canonical name -> variants (a copy), for consumers that build their own lookups."""
        return {k: list(v) for k, v in self._variants.items()}

    def demonyms(self) -> dict[str, str]:
        """Lower-cased demonym -> place ("russians" -> "Russia")."""
        return dict(self._demonyms)

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and self.canonical(surface) is not None

    def __len__(self) -> int:
        return len(self._variants)


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PipelineError(f"{where}: expected a list of strings")
    return list(value)


def _mapping(value: Any, where: str) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise PipelineError(f"{where}: expected an object of name -> list of strings")
    return {k: _strings(v, f"{where}: {k}") for k, v in value.items()}


def __getattr__(name: str) -> Any:
    # ``ALIASES``: the built-in table as a plain mapping, read on first access rather than at import.
    if name == "ALIASES":
        return _builtin().as_dict()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def _builtin() -> AliasTable:
    text = files("wiretrace").joinpath("data", "aliases.json").read_text(encoding="utf-8")
    return AliasTable.from_json(json.loads(text), "built-in aliases.json")


@lru_cache(maxsize=16)
def _default(alias_file: str | None, extra: tuple[tuple[str, tuple[str, ...]], ...]) -> AliasTable:
    table = _builtin()
    if alias_file:
        table = table.merged(AliasTable.from_file(alias_file))
    if extra:
        table = table.merged(AliasTable({k: list(v) for k, v in extra}))
    return table
