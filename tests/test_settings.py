"""Every setting is documented, and the environment maps onto the settings object."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from wiretrace.settings import Settings

DOCS = Path(__file__).parents[1] / "docs" / "settings.md"


def _fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, info in model.model_fields.items():
        sub = info.annotation
        if isinstance(sub, type) and issubclass(sub, BaseModel):
            out += _fields(sub, f"{prefix}{name}.")
        else:
            out.append(f"{prefix}{name}")
    return out


def test_settings_every_field_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [f for f in _fields(Settings) if f"`{f}`" not in text]
    assert not missing, f"settings missing from docs/settings.md: {missing}"


def test_settings_every_field_has_a_description() -> None:
    def check(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
            sub = info.annotation
            if isinstance(sub, type) and issubclass(sub, BaseModel):
                check(sub)

    check(Settings)


def test_settings_from_env_overrides_defaults() -> None:
    s = Settings.from_env(
        {"WIRETRACE_NLP__BATCH_SIZE": "7", "UNRELATED": "x"}, dates={"anchor": "2026-01-02"}
    )
    assert s.nlp.batch_size == 7
    assert s.dates.anchor == "2026-01-02"


def test_settings_from_env_rejects_bad_values() -> None:
    with pytest.raises(ValidationError):
        Settings.from_env({"WIRETRACE_NLP__BATCH_SIZE": "zero"})
