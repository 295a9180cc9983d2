"""The ``wiretrace`` command. Heavy packages (spaCy) are imported inside command bodies so that
``wiretrace --help`` stays instant."""

from __future__ import annotations

import importlib
import logging

import typer

app = typer.Typer(
    name="wiretrace",
    help="Who said what in a news article, where each passage came from, and what does not belong.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Each command module exposes register(app); optional ones are skipped when absent.
_CORPUS_COMMANDS = ("ingest", "search", "quotes", "show", "stats", "export", "failures", "delete")
_COMMANDS: tuple[str, ...] = ("analyze", "index", "trace", "info", "serve", *_CORPUS_COMMANDS)
_STORY_COMMANDS = ("stories",)  # stories, quote-groups, story, quote (#10)
_COMMANDS = (*_COMMANDS, *_STORY_COMMANDS)


def _register_all() -> None:
    for name in _COMMANDS:
        try:
            module = importlib.import_module(f"wiretrace.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"wiretrace.cli.{name}":
                continue
            raise
        module.register(app)


_register_all()


# Extraction libraries log per-page WARNINGs ("discarding data") that Python's last-resort handler prints
# raw, page URLs and all, between wiretrace's own per-document lines; wiretrace reports those pages itself.
QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext", "readability")


def quiet_libraries() -> None:
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main() -> None:
    quiet_libraries()
    app(prog_name="wiretrace")
