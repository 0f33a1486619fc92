"""`newsfuse spark analyse|cluster|brief`: the pipeline on Spark (see newsfuse/spark/).

Registered on the typer app by newsfuse/cli.py. Thin: start the session, call a stage of
:mod:`newsfuse.spark`, write its table (Parquet, a folder as Spark writes it) or the briefs
(JSON Lines, one brief a line: one file written atomically through the driver, or with
``--parts`` a folder of part files written by the executors), report problems in one line each and the
counts at the end. Exit codes as for ``newsfuse brief``: 0 everything was used, 1 some input
was skipped (a bad line, an article or story that failed), 2 nothing could be done (no such
file, not a table of this pipeline, PySpark or Java missing). The JVM's own log goes to a file
named in the error when Spark cannot start.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from newsfuse.config import DEFAULT_WORDS
from newsfuse.errors import NewsfuseError, OutputError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["spark_app", "MAX_REPORTED"]

err = Console(stderr=True, highlight=False, soft_wrap=True)
EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2  # as in newsfuse.cli
#: Problems printed one a line; the rest are counted (a corpus can have millions of bad lines).
MAX_REPORTED = 50

spark_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="The pipeline on Spark: analyse a corpus, cluster it into stories, brief every story.",
)

Master = Annotated[str | None, typer.Option("--master", help="Spark master (default: local[*], or spark-submit's).")]


class _Stop(Exception):
    """A one-line error and the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_NOTHING) -> None:
        super().__init__(message)
        self.code = code


def _say(level: str, text: str) -> None:
    err.print(f"newsfuse: {level}: {text}", markup=False)


@contextmanager
def _jvm_log() -> Iterator[Path]:
    """The JVM started inside this block writes its stderr to a log file, not the terminal."""
    fd, name = tempfile.mkstemp(prefix="newsfuse-spark-", suffix=".log")
    saved = os.dup(2)
    try:
        os.dup2(fd, 2)
        yield Path(name)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(fd)


def _session(master: str | None) -> SparkSession:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise _Stop("the Spark commands need PySpark: pip install 'newsfuse[spark]'") from None
    from newsfuse.spark import get_session

    with _jvm_log() as log:
        try:
            session = get_session(master)
        except Exception as e:  # no Java, a bad master URL...
            first = (str(e).strip().splitlines() or [type(e).__name__])[0][:200]
            raise _Stop(f"could not start Spark ({first}); is Java 17 installed? Spark's log: {log}") from None
    log.unlink(missing_ok=True)  # started: the JVM keeps writing its (error-level) log to the open file
    return session


def _check_output(output: Path, inputs: list[str]) -> None:
    if not output.parent.is_dir():
        raise OutputError(f"{output}: the folder {output.parent} does not exist")
    if not os.access(output.parent, os.W_OK | os.X_OK):
        raise OutputError(f"{output}: cannot write here (permission denied)")
    resolved = output.resolve()
    if any(Path(i).resolve() == resolved for i in inputs):
        raise OutputError(f"{output}: refused as output: it is an input")


def _exists(path: Path) -> None:
    if not path.exists():
        raise _Stop(f"{path}: no such file or folder")


def _table(spark: SparkSession, path: Path, needed: tuple[str, ...], stage: str) -> DataFrame:
    try:
        table = spark.read.parquet(str(path))
    except Exception:
        raise _Stop(f"{path}: not a Parquet table (give the output of `newsfuse spark {stage}`)") from None
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise _Stop(f"{path}: not a table of `newsfuse spark {stage}` (no column {missing[0]!r})")
    return table


def _run(body: object) -> None:
    """Run a command body; any error is one line and its exit code."""
    try:
        code = body()  # type: ignore[operator]
    except _Stop as e:
        _say("error", str(e))
        code = e.code
    except NewsfuseError as e:
        _say("error", str(e))
        code = EXIT_NOTHING
    except KeyboardInterrupt:
        _say("error", "interrupted")
        code = 130
    except Exception as e:  # a bug of ours or a Spark failure: still one line
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        first = (str(e).strip().splitlines() or [""])[0][:300]
        _say("error", f"internal error: {type(e).__name__}: {first} (NEWSFUSE_DEBUG=1 shows more)")
        code = EXIT_NOTHING
    raise typer.Exit(code)


def _report(lines: list[tuple[str, str]], total: int, level: str = "error") -> None:
    for origin, message in lines[:MAX_REPORTED]:
        _say(level, f"{origin}: {message}")
    if total > MAX_REPORTED:
        _say(level, f"... and {total - MAX_REPORTED} more")


@spark_app.command("analyse")
def analyse_command(
    paths: Annotated[list[str], typer.Argument(help="INPUTS... OUTPUT: files, folders or globs, then the table.")],
    master: Master = None,
) -> None:
    """Analyse every article of INPUTS (JSONL, gzipped or not; Parquet; text, HTML, JSON) into OUTPUT (Parquet)."""

    def body() -> int:
        if len(paths) < 2:
            raise _Stop("give the inputs and then the output table: newsfuse spark analyse INPUTS... OUTPUT")
        *inputs, out = paths
        output = Path(out)
        _check_output(output, inputs)
        from newsfuse.spark.read import expand_inputs

        files, missing = expand_inputs(inputs)
        if not files:
            _report([(p.origin, p.message) for p in missing], len(missing))
            raise _Stop("nothing to analyse")
        spark = _session(master)
        from pyspark.sql import functions as F

        import newsfuse.spark as ns

        corpus = ns.read_corpus(spark, inputs)
        problems = [(p.origin, p.message) for p in corpus.missing]
        ns.analyse(corpus.articles).write.mode("overwrite").parquet(str(output))
        bad = corpus.problems.limit(MAX_REPORTED).collect()
        n_bad = len(bad) if len(bad) < MAX_REPORTED else corpus.problems.count()
        written = spark.read.parquet(str(output))
        counts = written.agg(F.count("*").alias("n"), F.count("error").alias("failed")).first()
        failed = written.where("error is not null").select("origin", "error").limit(MAX_REPORTED).collect()
        _report(problems + [(r[0], r[1]) for r in bad], len(problems) + n_bad)
        _report([(r[0] or "?", r[1]) for r in failed], counts["failed"])
        _say(
            "done" if counts["n"] else "error",
            f"{counts['n']} articles analysed ({counts['failed']} failed); "
            f"{len(problems) + n_bad} inputs or lines skipped -> {output}",
        )
        if counts["n"] == counts["failed"]:
            return EXIT_NOTHING
        return EXIT_PARTIAL if problems or n_bad or counts["failed"] else EXIT_OK

    _run(body)


@spark_app.command("cluster")
def cluster_command(
    table: Annotated[Path, typer.Argument(help="The output of `newsfuse spark analyse`.")],
    output: Annotated[Path, typer.Argument(help="The stories table to write (Parquet).")],
    window: Annotated[
        int | None, typer.Option("--window", min=1, help="Articles per window (default: the clusterer's hot window).")
    ] = None,
    master: Master = None,
) -> None:
    """Group the articles of TABLE into stories (stream order = input order), writing OUTPUT (Parquet)."""

    def body() -> int:
        _exists(table)
        _check_output(output, [str(table)])
        spark = _session(master)
        from pyspark.sql import functions as F

        import newsfuse.spark as ns
        from newsfuse.spark.columns import ARTICLE_COLUMNS

        articles = _table(spark, table, ARTICLE_COLUMNS, "analyse")
        kwargs = {"window": window} if window else {}
        ns.cluster(articles, **kwargs).write.mode("overwrite").parquet(str(output))
        done = spark.read.parquet(str(output))
        c = done.agg(
            F.count("*").alias("n"),
            F.countDistinct("story").alias("stories"),
            F.count("duplicate_of").alias("dups"),
            F.count("copy_of").alias("copies"),
        ).first()
        _say(
            "done",
            f"{c['n']} articles in {c['stories']} stories; {c['dups']} duplicates, {c['copies']} copies -> {output}",
        )
        return EXIT_OK if c["n"] else EXIT_NOTHING

    _run(body)


@spark_app.command("brief")
def brief_command(
    table: Annotated[Path, typer.Argument(help="The output of `newsfuse spark cluster` (or analyse: story lines).")],
    output: Annotated[Path, typer.Argument(help="The briefs to write: JSON Lines, one brief a line.")],
    words: Annotated[int, typer.Option("--words", "-w", min=10, help="Word budget of each summary.")] = DEFAULT_WORDS,
    method: Annotated[str | None, typer.Option("--method", help="Summarizer (see `newsfuse methods`).")] = None,
    parts: Annotated[
        bool,
        typer.Option(
            "--parts",
            help="Write OUTPUT as a folder of part files (Spark's writer, in parallel; stream order across "
            "part-00000, part-00001...): for corpora whose briefs are too large for one process to write.",
        ),
    ] = False,
    master: Master = None,
) -> None:
    """Brief every story of TABLE into OUTPUT, the JSON of `newsfuse brief --jsonl`, in stream order."""

    def body() -> int:
        from newsfuse.cli_output import Sink

        if method is not None:
            from newsfuse.brief.summarizers import get

            get(method)  # an unknown method is one error now
        _exists(table)
        _check_output(output, [str(table)])
        if parts:
            _check_parts_folder(output)
        spark = _session(master)
        import newsfuse.spark as ns

        stories = _table(spark, table, ("id", "story", "text", "file_no", "line", "item"), "cluster")
        unassigned = stories.where("story is null").count()
        if unassigned:
            _say("warning", f"{unassigned} articles have no story (run `newsfuse spark cluster` first); left out")
        if parts:
            return _brief_parts(ns.brief(stories, words=words, method=method), output, unassigned)
        briefs = ns.brief(stories, words=words, method=method).orderBy("file_no", "line", "item", "story")
        total = made = 0
        failed = False
        reported = 0
        with Sink(output) as sink:
            for row in briefs.toLocalIterator():
                total += 1
                for p in row["problems"] or []:
                    failed = failed or p["fatal"]
                    if reported < MAX_REPORTED:
                        _say("error" if p["fatal"] else "warning", f"{p['origin']}: {p['message']}")
                    reported += 1
                if row["brief"] is not None:
                    sink.write(row["brief"] + "\n")
                    made += 1
            if made:
                sink.commit()
        if reported > MAX_REPORTED:
            _say("warning", f"... and {reported - MAX_REPORTED} more problems")
        _say("done", f"{made} of {total} stories briefed -> {output}")
        if made == 0:
            return EXIT_NOTHING
        return EXIT_PARTIAL if failed or unassigned else EXIT_OK

    _run(body)


def _check_parts_folder(output: Path) -> None:
    """``--parts`` replaces OUTPUT: only a new path, an empty folder or an earlier Spark output."""
    if output.is_file():
        raise OutputError(f"{output}: is a file; with --parts the output is a folder of part files")
    if output.is_dir() and any(output.iterdir()) and not (output / "_SUCCESS").exists():
        raise OutputError(f"{output}: refused as output: a folder that is not an earlier Spark output")


def _brief_parts(briefs: DataFrame, output: Path, unassigned: int) -> int:
    """Write the briefs as a folder of part files; the problems and counts from the same rows."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from newsfuse.spark.brief import write_parts

    briefs = briefs.persist(StorageLevel.MEMORY_AND_DISK)  # briefed once: written, then counted
    try:
        write_parts(briefs, str(output))
        c = briefs.agg(
            F.count("*").alias("total"),
            F.count("brief").alias("made"),
            F.sum(F.size("problems")).alias("problems"),
        ).first()
        listed = (
            briefs.where(F.size("problems") > 0)
            .orderBy("file_no", "line", "item", "story")
            .select(F.explode("problems").alias("p"))
            .select("p.*")
        )
        shown = listed.limit(MAX_REPORTED).collect()
        failed = listed.where("fatal").limit(1).count() > 0
    finally:
        briefs.unpersist()
    for p in shown:
        _say("error" if p["fatal"] else "warning", f"{p['origin']}: {p['message']}")
    reported = int(c["problems"] or 0)
    if reported > MAX_REPORTED:
        _say("warning", f"... and {reported - MAX_REPORTED} more problems")
    _say("done", f"{c['made']} of {c['total']} stories briefed -> {output}/ (part files)")
    if c["made"] == 0:
        return EXIT_NOTHING
    return EXIT_PARTIAL if failed or unassigned else EXIT_OK
