"""Reference tables for the docs, generated from the code by cog (docs/settings.md, docs/stages.md)."""

from __future__ import annotations

from pydantic import BaseModel

from wiretrace.settings import Settings


def settings_table() -> str:
    rows = ["| setting | default | environment variable | description |", "| --- | --- | --- | --- |"]
    for section, info in Settings.model_fields.items():
        sub = info.annotation
        if not (isinstance(sub, type) and issubclass(sub, BaseModel)):
            continue
        for name, field in sub.model_fields.items():
            default = field.get_default(call_default_factory=True)
            env = f"WIRETRACE_{section.upper()}__{name.upper()}"
            desc = (field.description or "").replace("|", "\\|")
            rows.append(f"| `{section}.{name}` | `{default!r}` | `{env}` | {desc} |")
    return "\n".join(rows)


def stages_table() -> str:
    from wiretrace.analyze.pipeline import DEFAULT_STAGES
    from wiretrace.analyze.registry import get_stage, registered

    default = {get_stage(n).name for n in DEFAULT_STAGES}
    rows = ["| stage | default | requires | assigns | what it does |", "| --- | --- | --- | --- | --- |"]
    for s in registered():
        rows.append(
            f"| `{s.name}` | {'yes' if s.name in default else 'no'} | {', '.join(s.requires) or '-'} "
            f"| {s.assigns} | {s.doc} |"
        )
    return "\n".join(rows)
