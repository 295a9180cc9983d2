"""Outputs: JSON, JSONL and the readable terminal report, all from ``Analysis`` / ``Failure`` items."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import TextIO

from wiretrace.model import Analysis, Failure
from wiretrace.output.terminal import clean, escape_json


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


def failure_line(f: Failure) -> str:
    """One line for stderr; ids, messages and sources come from documents, so they are sanitised."""
    where = f" ({f.source})" if f.source and f.source not in f.error else ""
    ident = f"{f.id if len(f.id) <= 80 else f.id[:79] + '…'}: " if f.id else ""
    return clean(f"error {f.code}: {ident}{f.error}{where}")


def write_results(
    results: Iterable[Analysis | Failure],
    fmt: Format | str,
    stream: TextIO | None = None,
    errors: TextIO | None = None,
) -> tuple[int, int]:
    """Write analyses in ``fmt`` to ``stream`` and failures as one line each to ``errors``.

    ``json`` writes one Analysis object when there is exactly one, else a JSON array; ``jsonl`` writes one
    object per line (failures included as ``{"error": ...}`` lines so a consumer can join on ``id``).
    Returns (analyses written, failures).
    """
    out = stream or sys.stdout
    err = errors or sys.stderr
    fmt = Format(fmt)
    ok = failed = 0
    collected: list[Analysis] = []
    report = None
    if fmt is Format.text:
        from wiretrace.output.report import Report

        report = Report(out)
    for item in results:
        if isinstance(item, Failure):
            failed += 1
            print(failure_line(item), file=err, flush=True)
            if fmt is Format.jsonl:
                out.write(escape_json(json.dumps({"id": item.id, "error": item.model_dump()})) + "\n")
            continue
        ok += 1
        if fmt is Format.jsonl:
            out.write(escape_json(item.model_dump_json()) + "\n")
            out.flush()
        elif fmt is Format.json:
            collected.append(item)
        elif report is not None:
            report.render(item)
    if fmt is Format.json:
        if len(collected) == 1:
            out.write(escape_json(collected[0].model_dump_json(indent=2)) + "\n")
        elif collected:
            body = ",\n".join(escape_json(a.model_dump_json(indent=2)) for a in collected)
            out.write("[" + body + "]\n")
    return ok, failed
