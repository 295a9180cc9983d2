"""The readable terminal report. Article text is untrusted: it only ever enters ``rich.text.Text``
objects (never markup strings), so brackets in an article cannot restyle or hide the report."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from rich.console import Console
from rich.table import Table

from wiretrace.model import Analysis, Quote

# Every string from a document reaches the terminal through SafeText (escape sequences stripped).
from wiretrace.output.terminal import SafeText as Text

_SNIPPET = 110


def _clip(s: str, n: int = _SNIPPET) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


class Report:
    def __init__(self, stream: TextIO) -> None:
        self.console = Console(file=stream, highlight=False, soft_wrap=False, emoji=False)

    def render(self, a: Analysis) -> None:
        c = self.console
        art = a.article
        head = Text()
        head.append(art.title or "(untitled)", style="bold")
        meta = [f"id {art.id}"]
        if art.outlet:
            meta.append(art.outlet)
        if art.published:
            meta.append(art.published.isoformat())
        meta.append(f"{len(art.text):,} chars")
        head.append("\n" + " · ".join(meta), style="dim")
        c.rule()
        c.print(head)
        if a.summary:
            if a.summary.verdict:
                c.print(Text("Verdict: ", style="bold") + Text(a.summary.verdict))
            shares = [f"{label} {share:.0%}" for label, share in a.summary.flagged_share.items() if share > 0]
            extra = [f"{a.summary.sources} stitched sources"] if a.summary.sources else []
            if shares or extra:
                c.print(Text("Flagged text: " + ", ".join(shares + extra), style="dim"))
        self._notices(a)
        self._flags(a)
        self._quotes(a)
        self._matches(a)
        self._entities(a)
        self._dates(a)
        c.print()

    def _section(self, title: str, count: int) -> None:
        self.console.print(Text(f"\n{title} ({count})", style="bold underline"))

    def _notices(self, a: Analysis) -> None:
        """Warnings about the input and stages that failed: said before any result they qualify."""
        for n in a.warnings:
            where = f" ({n.stage})" if n.stage else ""
            self.console.print(Text(f"Warning {n.code}{where}: ", style="yellow") + Text(n.message))
        for f in a.failed_stages:
            self.console.print(Text(f"Stage failed {f.code} ({f.stage}): ", style="red") + Text(f.error))

    def _flags(self, a: Analysis) -> None:
        if not a.flags:
            return
        self._section("What does not belong", len(a.flags))
        for f in sorted(a.flags, key=lambda f: f.span.start):
            line = Text(f"  {f.label:<18}", style="yellow")
            line.append(f"[{f.span.start}-{f.span.end}] ", style="dim")
            line.append(_clip(a.text_of(f.span), 70))
            line.append(f"\n      {f.reason}", style="dim")
            self.console.print(line)

    def _quotes(self, a: Analysis) -> None:
        if not a.quotes and not any(s.startswith("quotes") for s in a.stages):
            return  # the quote stages did not run (e.g. `wiretrace trace` without --full)
        self._section("Who said what", len(a.quotes))
        # In article order, each with its paragraph and its full text; partial quotes under the
        # mixed quote that holds them.
        for q in sorted(a.quotes, key=lambda q: q.span.start):
            self._quote_line(a, q, depth=0)
            for child in q.nested:
                self._quote_line(a, child, depth=1)

    def _quote_line(self, a: Analysis, q: Quote, depth: int) -> None:
        pad = "  " + "    " * depth
        where = f"¶{q.paragraph + 1}" if q.paragraph is not None else ""
        line = Text(f"{pad}{where:<4} ", style="dim")
        line.append(q.speaker.name if q.speaker else "(unattributed)", style="bold cyan")
        mode = f", {q.mode}" if q.mode != "assertion" else ""
        line.append(f"  {q.kind}{mode}\n", style="dim")
        text = " … ".join(a.text_of(p) for p in q.pieces) if q.pieces else a.text_of(q.span)
        line.append(f"{pad}     “{text}”")
        extra = []
        if q.cue:
            extra.append(f"cue: {a.text_of(q.cue)}")
        if q.reported_by:
            extra.append("via " + ", ".join(q.reported_by))
        if q.unattributed_reason:
            extra.append(q.unattributed_reason)
        if extra:
            line.append(f"\n{pad}     (" + "; ".join(extra) + ")", style="dim")
        self.console.print(line)

    def _matches(self, a: Analysis) -> None:
        if not a.matches:
            return
        self._section("Where passages came from", len(a.matches))
        for m in sorted(a.matches, key=lambda m: (m.span.start, m.source_published or dt.date.max)):
            line = Text(f"  [{m.span.start}-{m.span.end}] ", style="dim")
            line.append(_clip(a.text_of(m.span), 60))
            line.append(f"\n      ← {m.source_id} [{m.source_span.start}-{m.source_span.end}]", style="green")
            line.append(f" sim {m.similarity:.2f} {', '.join(m.transform)}", style="dim")
            if m.substitutions:
                subs = "; ".join(f"{s.source} → {s.article}" for s in m.substitutions)
                line.append(f"  spun: {subs}", style="magenta")
            self.console.print(line)

    def _entities(self, a: Analysis) -> None:
        if not a.entities:
            return
        self._section("Entities", len(a.entities))
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("  name")
        table.add_column("type")
        table.add_column("mentions", justify="right")
        table.add_column("also written as")
        for e in sorted(a.entities, key=lambda e: (-len(e.mentions), e.name)):
            table.add_row(Text("  " + e.name), e.label, str(len(e.mentions)), Text(", ".join(e.variants)))
        self.console.print(table)

    def _dates(self, a: Analysis) -> None:
        if not a.dates:
            return
        self._section("Dates", len(a.dates))
        for d in a.dates:
            line = Text(f"  {_clip(a.text_of(d.span), 40):<28} → ")
            line.append(d.value or "unresolved", style="bold" if d.value else "dim")
            if d.anchor:
                line.append(f"  (anchor: {d.anchor})", style="dim")
            self.console.print(line)
