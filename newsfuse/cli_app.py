"""The command line: parse arguments, call the library, print. Errors become one-line messages here.

Exit codes: 0 everything was briefed; 1 a brief was made but some input could not be used;
2 nothing could be briefed, the output could not be written, or the command line was wrong.

Output (``-o``) is checked before any work (its folder exists and is writable, it is not a
folder, not an input and not inside an input folder), then written to a temporary file in the
same folder and renamed over the target only when complete: a failed run leaves the previous
file as it was. A device or FIFO named by ``-o`` (``/dev/null``) is written to directly.
Nothing reaches the user as a traceback: an unexpected error is one line too (set
``NEWSFUSE_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsfuse.cli_cluster import cluster_command
from newsfuse.cli_output import Sink, is_special
from newsfuse.config import DEFAULT_WORDS, batch_workers
from newsfuse.errors import NewsfuseError, OutputError
from newsfuse.model import Brief, Problem

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="newsfuse: read the news from many sources at once and write one sourced brief.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
app.command("cluster")(cluster_command)

EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2
EMPTY_SUMMARY = "no sentence of the articles fits the word budget (a text without sentence punctuation is one long one)"


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


def _check_output(output: Path | None, inputs: list[str | Path]) -> None:
    """Refuse, before any work, an output that cannot be written or would clobber an input."""
    if output is None or is_special(output):
        return
    from newsfuse.ingest.load import output_clash

    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name to write the brief to")
    folder = output.parent
    if not folder.is_dir():
        raise OutputError(f"{output}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise OutputError(f"{output}: cannot write here (permission denied)")
    clash = output_clash(output, inputs)
    if clash:
        raise OutputError(f"{output}: refused as output: {clash}")


def _text(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _emit(brief: Brief, fmt: Format, output: Path | None, with_text: bool = True) -> None:
    from newsfuse.render import render

    if fmt is Format.text and output is None:
        from newsfuse.render.terminal import print_brief

        print_brief(brief, Console(highlight=False))
        return
    if fmt is Format.json and not with_text:
        from newsfuse.render.json import brief_to_json

        text = _text(brief_to_json(brief, text=False))
    else:
        text = _text(render(brief, fmt.value))
    with Sink(output) as sink:
        sink.write(text)
        sink.commit()


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
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Batch: processes briefing stories at once (default: one per CPU)."),
    ] = None,
) -> None:
    """Brief one story from INPUTS, every story of a --jsonl batch file, or a --story of the store."""
    if story is not None:
        from newsfuse.cli_store import brief_from_store

        also = bool(inputs) or jsonl is not None
        raise typer.Exit(brief_from_store(story, db, fmt.value, output, words, method, not summary_only, also))
    try:
        code = _brief(inputs, fmt, output, words, outlet, method, jsonl, not summary_only, workers, not no_text)
    except NewsfuseError as e:
        err.print(f"newsfuse: error: {e}", markup=False)
        code = EXIT_NOTHING
    except KeyboardInterrupt:
        err.print("newsfuse: interrupted (an output file is left as it was)", markup=False)
        code = 130
    except Exception as e:  # a bug of ours: still one line, and the traceback on request
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        err.print(f"newsfuse: internal error: {type(e).__name__}: {e} (NEWSFUSE_DEBUG=1 shows more)", markup=False)
        code = EXIT_NOTHING
    raise typer.Exit(code)


def _brief(
    inputs: list[str] | None,
    fmt: Format,
    output: Path | None,
    words: int,
    outlet: str | None,
    method: str | None,
    jsonl: Path | None,
    analyse: bool,
    workers: int | None,
    with_text: bool,
) -> int:
    import newsfuse

    if method is not None:  # an unknown method is one error now, not one per story later
        from newsfuse.brief.summarizers import get

        get(method)
    if jsonl is not None:
        _check_output(output, [jsonl])
        return _batch(jsonl, fmt, output, words, method, analyse, workers or batch_workers(), with_text)
    if not inputs:
        err.print("newsfuse: error: give files, folders or globs to brief, or --jsonl FILE", markup=False)
        return EXIT_NOTHING
    _check_output(output, list(inputs))
    result = newsfuse.brief(inputs, words=words, method=method, outlet=outlet, analyse=analyse)
    failed = _report(result.problems)
    if not result.summary:
        err.print(f"newsfuse: warning: the summary is empty: {EMPTY_SUMMARY}", markup=False)
    _emit(result, fmt, output, with_text)
    return EXIT_PARTIAL if failed else EXIT_OK


def _batch(
    path: Path,
    fmt: Format,
    output: Path | None,
    words: int,
    method: str | None,
    analyse: bool,
    workers: int,
    with_text: bool = True,
) -> int:
    """Brief each story of ``path``, writing each brief as soon as it is made (in file order)."""
    from rich.progress import Progress

    import newsfuse
    from newsfuse.render import render
    from newsfuse.render.json import brief_to_json

    total = made = 0
    failed = False
    style = "json" if fmt is Format.json or fmt is Format.text else fmt.value
    separator = "\n\n---\n\n"
    with Sink(output) as sink, Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("briefing stories", total=None)
        for b in newsfuse.brief_stories(path, words=words, method=method, analyse=analyse, workers=workers):
            total += 1
            failed = _report(b.problems) or failed
            if b.articles:
                chunk = brief_to_json(b, indent=None, text=with_text) if style == "json" else render(b, style)
                sink.write(_text(chunk) if style == "json" else ("" if made == 0 else separator) + chunk)
                made += 1
            progress.advance(task)
        if made and style != "json":
            sink.write("\n")
        if made:  # nothing briefed: the previous output file stays as it was
            sink.commit()
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

from newsfuse.cli_spark import spark_app as _spark_app  # noqa: E402

app.add_typer(_spark_app, name="spark")

from newsfuse.cli_daemon import daemon_app as _daemon_app  # noqa: E402

app.add_typer(_daemon_app, name="daemon")


def main() -> None:
    """Run the command here, in this process (newsfuse/cli.py's ``main`` may hand it to the daemon)."""
    app()


if __name__ == "__main__":
    main()
