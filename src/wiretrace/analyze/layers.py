"""The layers a stage can read: the spaCy ``Doc`` and every layer earlier stages returned."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Layers:
    """A read-mostly mapping from layer name to value; the runner is the only writer."""

    def __init__(
        self, doc: Doc | None = None, resources: dict[str, Any] | None = None, **initial: Any
    ) -> None:
        self._data: dict[str, Any] = {"doc": doc, **initial}
        self._resources = resources or {}

    def resource(self, name: str) -> Any:
        """A resource the pipeline was built with (a stage declares it in ``@stage(resources=...)``)."""
        return self._resources[name]

    @property
    def doc(self) -> Doc:
        doc: Doc | None = self._data.get("doc")
        if doc is None:
            raise KeyError("this pipeline has no spaCy Doc")
        return doc

    def __getitem__(self, name: str) -> Any:
        return self._data[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self._data.get(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self._data and self._data[name] is not None

    def set(self, name: str, value: Any) -> None:
        self._data[name] = value

    def names(self) -> list[str]:
        return list(self._data)
