"""`newsfuse cluster`: group a JSONL pile into stories, one output line per article.

Registered on the typer app by newsfuse/cli.py (this module does not import cli.py, so that
``python -m newsfuse.cli`` sees one app). Thin: read the pile (newsfuse.stories.batch), run the
online clusterer, write the lines, report bad lines in one line each and the counts at the end.
Exit codes as for `newsfuse brief`: 0 every line was used, 1 some lines were skipped, 2 nothing
could be clustered (or no such file). With --db the articles go into the store (newsfuse.cli_store).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

__all__ = ["cluster_command"]

err = Console(stderr=True, highlight=False, soft_wrap=True)
EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2  # as in newsfuse.cli


def cluster_command(
    jsonl: Annotated[
        Path,
        typer.Option("--jsonl", help='The pile: one article a line {"id","text","title"?,"outlet"?,"date"?,"url"?}.'),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the assignments here (default: stdout).")
    ] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Keep the stories in this store (see README).")] = None,
    embeddings: Annotated[
        bool,
        typer.Option("--embeddings", help="Also compare sentence embeddings (needs newsfuse[embed]; 25-40x slower)."),
    ] = False,
) -> None:
    """Group the articles of a JSONL pile into stories (input order = stream order)."""
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newsfuse.cli_output import Sink
    from newsfuse.errors import NewsfuseError
    from newsfuse.model import Problem
    from newsfuse.stories.batch import BatchCounts, cluster_lines, read_stream
    from newsfuse.stories.cluster import StoryClusterer

    if not jsonl.is_file():
        err.print(f"newsfuse: error: {jsonl}: no such file", markup=False)
        raise typer.Exit(EXIT_NOTHING)
    if embeddings:
        from newsfuse.stories.cluster import CLUSTER_EMBEDDINGS_ENV, default_embedder

        os.environ[CLUSTER_EMBEDDINGS_ENV] = "on"  # for this process: the store's Adder too
        try:
            default_embedder()
        except NewsfuseError as e:
            err.print(f"newsfuse: error: {e}", markup=False)
            raise typer.Exit(EXIT_NOTHING) from None
    if db is not None:
        from newsfuse.cli_store import cluster_into_store

        raise typer.Exit(cluster_into_store(jsonl, output, db))
    with jsonl.open("rb") as fh:
        total = sum(1 for line in fh if line.strip())
    counts = BatchCounts()
    columns = (
        TextColumn("clustering"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[problems]} bad lines"),
    )
    try:
        with (
            Sink(output) as out,
            Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress,
        ):
            task = progress.add_task("clustering", total=total, problems=0)
            for line in cluster_lines(read_stream(jsonl), StoryClusterer(), counts):
                if isinstance(line, Problem):
                    level = "error" if line.fatal else "warning"
                    progress.console.print(f"newsfuse: {level}: {line.origin}: {line.message}", markup=False)
                    if not line.fatal:
                        continue
                else:
                    out.write(line + "\n")
                progress.update(task, advance=1, problems=counts.bad_lines)
            out.commit()
    except NewsfuseError as e:
        err.print(f"newsfuse: error: {e}", markup=False)
        raise typer.Exit(EXIT_NOTHING) from None
    err.print(f"newsfuse: {counts.line()}", markup=False)
    if counts.articles == 0:
        raise typer.Exit(EXIT_NOTHING)
    raise typer.Exit(EXIT_PARTIAL if counts.bad_lines else EXIT_OK)
