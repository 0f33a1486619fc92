"""The command line: parse arguments, call the library, print. Errors become one-line messages here.

Exit codes: 0 everything was briefed; 1 a brief was made but some input could not be used;
2 nothing could be briefed (or the command line was wrong).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsfuse.cli_cluster import cluster_command
from newsfuse.config import DEFAULT_WORDS
from newsfuse.errors import NewsfuseError
from newsfuse.model import Brief, Problem

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="newsfuse: read the news from many sources at once and write one sourced brief.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
app.command("cluster")(cluster_command)

EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2


class Format(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    html = "html"


def _report(problems: tuple[Problem, ...]) -> bool:
    """Print each problem on one line of stderr; return True if any input failed."""
    failed = False
    for p in problems:
        level = "error" if p.fatal else "warning"
        failed = failed or p.fatal
        err.print(f"newsfuse: {level}: {p.origin}: {p.message}", markup=False)
    return failed


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def _emit(brief: Brief, fmt: Format, output: Path | None, text: bool = True) -> None:
    from newsfuse.render import render

    if fmt is Format.json and not text:
        from newsfuse.render.json import brief_to_json

        _write(brief_to_json(brief, text=False), output)
    elif fmt is Format.text and output is None:
        from newsfuse.render.terminal import print_brief

        print_brief(brief, Console(highlight=False))
    else:
        _write(render(brief, fmt.value), output)


@app.callback()
def _main() -> None:
    """newsfuse: read the news from many sources at once and write one sourced brief."""


@app.command("brief")
def brief_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders or globs: text, HTML, JSON/JSONL, RSS/Atom."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    words: Annotated[int, typer.Option("--words", "-w", min=10, help="Word budget of the summary.")] = DEFAULT_WORDS,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet name for inputs that carry none.")] = None,
    method: Annotated[str | None, typer.Option("--method", help="Summarizer (see `newsfuse methods`).")] = None,
    jsonl: Annotated[
        Path | None,
        typer.Option("--jsonl", help="Batch: a JSONL file of stories, one a line; writes one brief a line."),
    ] = None,
    summary_only: Annotated[
        bool, typer.Option("--summary-only", help="Skip quotes, entities and facts (faster).")
    ] = False,
    no_text: Annotated[
        bool, typer.Option("--no-text", help="JSON: leave the article texts out (citations then not checkable).")
    ] = False,
    story: Annotated[str | None, typer.Option("--story", help="Brief this story of the store (see `stories`).")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="The store file for --story.", show_default=False)] = None,
) -> None:
    """Brief one story from INPUTS, every story of a --jsonl batch file, or a --story of the store."""
    import newsfuse

    if story is not None:
        from newsfuse.cli_store import brief_from_store

        also = bool(inputs) or jsonl is not None
        raise typer.Exit(brief_from_store(story, db, fmt.value, output, words, method, not summary_only, also))
    try:
        if jsonl is not None:
            raise typer.Exit(_batch(jsonl, fmt, output, words, method, not summary_only, not no_text))
        if not inputs:
            err.print("newsfuse: error: give files, folders or globs to brief, or --jsonl FILE", markup=False)
            raise typer.Exit(EXIT_NOTHING)
        result = newsfuse.brief(inputs, words=words, method=method, outlet=outlet, analyse=not summary_only)
    except NewsfuseError as e:
        err.print(f"newsfuse: error: {e}", markup=False)
        raise typer.Exit(EXIT_NOTHING) from None
    failed = _report(result.problems)
    _emit(result, fmt, output, text=not no_text)
    raise typer.Exit(EXIT_PARTIAL if failed else EXIT_OK)


def _batch(
    path: Path, fmt: Format, output: Path | None, words: int, method: str | None, analyse: bool, text: bool = True
) -> int:
    from rich.progress import Progress

    import newsfuse
    from newsfuse.render import render
    from newsfuse.render.json import brief_to_json

    if not path.is_file():
        err.print(f"newsfuse: error: {path}: no such file", markup=False)
        return EXIT_NOTHING
    with path.open("rb") as fh:
        total = sum(1 for line in fh if line.strip())
    chunks: list[str] = []
    made = failed = 0
    style = "json" if fmt is Format.json or fmt is Format.text else fmt.value
    with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("briefing stories", total=total)
        for b in newsfuse.brief_stories(path, words=words, method=method, analyse=analyse):
            failed += _report(b.problems)
            if b.articles:
                made += 1
                chunks.append(brief_to_json(b, indent=None, text=text) if style == "json" else render(b, style))
            progress.advance(task)
    sep = "\n" if style == "json" else "\n\n---\n\n"
    _write(sep.join(chunks), output)
    err.print(f"newsfuse: {made} of {total} stories briefed", markup=False)
    if made == 0:
        return EXIT_NOTHING
    return EXIT_PARTIAL if failed else EXIT_OK


@app.command("methods")
def methods_command() -> None:
    """List the summarizers; the default is marked."""
    from newsfuse.brief.summarizers import DEFAULT_METHOD, available

    for name in available():
        print(name + ("  (default)" if name == DEFAULT_METHOD else ""))


from newsfuse.cli_store import register as _register_store_commands  # noqa: E402

_register_store_commands(app)

from newsfuse.cli_web import register as _register_web_commands  # noqa: E402

_register_web_commands(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
