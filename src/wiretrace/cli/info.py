"""``wiretrace stages`` and ``wiretrace schema``: what the pipeline runs and the shape of its output."""

from __future__ import annotations

import json

import typer


def stages_command() -> None:
    """List the registered stages with what each requires and assigns.

    Example:

    \b
        wiretrace stages
    """
    from wiretrace.analyze.pipeline import DEFAULT_STAGES
    from wiretrace.analyze.registry import get_stage, registered

    default = {get_stage(n).name for n in DEFAULT_STAGES}
    for s in registered():
        mark = "*" if s.name in default else " "
        typer.echo(
            f"{mark} {s.name:<16} requires {', '.join(s.requires) or '-':<28} assigns {s.assigns:<10} {s.doc}"
        )
    typer.echo("(* = in the default pipeline)")


def schema_command() -> None:
    """Print the JSON Schema of the Analysis output.

    Example:

    \b
        wiretrace schema > analysis.schema.json
    """
    from wiretrace.schema import analysis_schema

    typer.echo(json.dumps(analysis_schema(), indent=2))


def register(app: typer.Typer) -> None:
    app.command("stages")(stages_command)
    app.command("schema")(schema_command)
