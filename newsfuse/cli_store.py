"""The store's commands: ``add``, ``feeds add``, ``feeds list``, ``fetch``, ``stories``, and the
``--story`` form of ``brief``. Thin: parse, call one library function, print; errors become one line.

``register(app)`` puts them on the main typer app (newsfuse/cli.py). This module never imports
newsfuse.cli, so ``python -m newsfuse.cli`` registers them on the app it runs.

Exit codes, as for ``brief``: 0 everything worked; 1 the command did its work but some input,
record or feed could not be used; 2 nothing could be done (or the command line was wrong).
"""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from newsfuse.cli_output import Sink
from newsfuse.errors import NewsfuseError
from newsfuse.model import Problem
from newsfuse.store import Store, resolve_path

__all__ = ["register", "brief_from_store"]

EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2

err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="The store file (default: $NEWSFUSE_DB, else newsfuse.db here).", show_default=False),
]


AnalyseOption = Annotated[
    bool,
    typer.Option(
        "--analyse",
        help="Also read each article's quotes, names and facts now and cache them, so `brief --story` "
        "parses nothing (about 5 articles/s against ~150 without; a rerun fills in what is missing).",
    ),
]


class ListFormat(StrEnum):
    text = "text"
    json = "json"


def _fail(error: NewsfuseError) -> typer.Exit:
    err.print(f"newsfuse: error: {error}", markup=False)
    return typer.Exit(EXIT_NOTHING)


def _open(db: Path | None, *, create: bool) -> Store:
    return Store(resolve_path(db), create=create)


class _Rate(ProgressColumn):
    """Articles per second since the start (rich's own speed column is for bytes)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.0f} articles/s")


class _Bar:
    """A progress bar on stderr (only on a terminal) with articles/s and problems so far;
    each problem is printed above it as one line."""

    def __init__(self, what: str) -> None:
        self.progress = Progress(
            TextColumn(what),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TextColumn("{task.fields[problems]} problems"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        )
        self.task = self.progress.add_task(what, total=0, problems=0)
        self.problems = 0
        self.failed = 0
        self.steps = 0
        self.first: float | None = None  # when the first article came (reading and start-up before it)
        self.last = 0.0

    def done(self) -> None:
        """Everything is committed (and analysed): the rate counts up to here, not to the last step."""
        if self.first is not None:
            self.last = time.monotonic()

    def rate(self) -> str:
        """Articles per second from the first article to the end, for the closing line."""
        if self.first is None or self.last <= self.first:
            return ""
        rate = (self.steps - 1) / (self.last - self.first)
        return f" ({rate:,.1f} articles/s)" if rate < 10 else f" ({rate:,.0f} articles/s)"

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    # the Listener protocol of newsfuse.stories.collect
    def expect(self, n: int) -> None:
        total = self.progress.tasks[0].total or 0
        self.progress.update(self.task, total=total + n)

    def step(self, counts: object) -> None:
        self.last = time.monotonic()
        if self.first is None:
            self.first = self.last
        self.steps += 1
        self.progress.advance(self.task)

    def problem(self, problem: Problem) -> None:
        self.problems += 1
        self.failed += problem.fatal
        level = "error" if problem.fatal else "warning"
        self.progress.console.print(f"newsfuse: {level}: {problem.origin}: {problem.message}", markup=False)
        self.progress.update(self.task, problems=self.problems)


def _check_stories(store: Store, story_ids: tuple[str, ...]) -> str:
    """With ``--analyse``: brief the stories that gained articles so that the store keeps their
    warning flags (misquotes, disagreements) for listings; returns a note for the closing line."""
    if not story_ids:
        return ""
    from newsfuse.api import check_stories

    columns = (TextColumn("checking stories"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("checking", total=len(story_ids))
        n = check_stories(store, story_ids, step=lambda: progress.advance(task))
    return f"; {n} {'story' if n == 1 else 'stories'} checked for misquotes and disagreements"


def add_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, globs: text, HTML, JSON/JSONL, saved RSS/Atom feeds.")
    ],
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet name for inputs that carry none.")] = None,
    analyse: AnalyseOption = False,
) -> None:
    """Add articles to the store; each joins its story or opens a new one."""
    from newsfuse.stories.collect import add_paths

    started = time.monotonic()
    try:
        with _open(db, create=True) as store, _Bar("adding") as bar:
            report = add_paths(store, inputs, outlet=outlet, listener=bar, analyse=analyse)
            bar.done()
            checked = _check_stories(store, report.stories) if analyse else ""
    except NewsfuseError as e:
        raise _fail(e) from None
    counts = report.counts
    seconds = time.monotonic() - started
    handled = counts.added + counts.duplicates
    print(f"newsfuse: {counts.line()} in {seconds:.1f} s{bar.rate()}{checked}")
    if handled == 0 and counts.rejected:
        raise typer.Exit(EXIT_NOTHING)
    raise typer.Exit(EXIT_PARTIAL if counts.rejected else EXIT_OK)


feeds_app = typer.Typer(no_args_is_help=True, help="Feed subscriptions: add them, list them.")


@feeds_app.command("add")
def feeds_add_command(
    sources: Annotated[list[str], typer.Argument(help="Feed URLs (RSS or Atom), or OPML lists (files or URLs).")],
    db: DbOption = None,
) -> None:
    """Subscribe to feeds: a feed URL, or every feed of an OPML list."""
    from newsfuse.stories.collect import subscribe

    added = known = failed = 0
    try:
        with _open(db, create=True) as store:
            for source in sources:
                try:
                    new, old = subscribe(store, source)
                except NewsfuseError as e:
                    err.print(f"newsfuse: error: {e}", markup=False)
                    failed += 1
                    continue
                added += len(new)
                known += len(old)
    except NewsfuseError as e:
        raise _fail(e) from None
    print(f"newsfuse: {added} feeds added, {known} already subscribed")
    raise typer.Exit(EXIT_OK if not failed else EXIT_NOTHING if not added + known else EXIT_PARTIAL)


@feeds_app.command("list")
def feeds_list_command(db: DbOption = None) -> None:
    """The subscribed feeds, with when each was last fetched and its last error."""
    try:
        with _open(db, create=False) as store:
            feeds = store.feeds()
    except NewsfuseError as e:
        raise _fail(e) from None
    for feed in feeds:
        when = feed.last_fetched.strftime("%Y-%m-%d %H:%M") if feed.last_fetched else "never fetched"
        state = f"error: {feed.error}" if feed.error else "ok" if feed.last_fetched else ""
        print("\t".join(part for part in (feed.url, feed.title or "", when, state)))
    if not feeds:
        err.print("newsfuse: no feeds yet (subscribe with `newsfuse feeds add URL`)", markup=False)


def fetch_command(db: DbOption = None, analyse: AnalyseOption = False) -> None:
    """Poll every subscribed feed once and add the new articles to the store."""
    from newsfuse.stories.collect import fetch_feeds

    started = time.monotonic()
    try:
        with _open(db, create=True) as store:
            if not store.feeds():
                err.print("newsfuse: error: no feeds to fetch (subscribe with `newsfuse feeds add URL`)", markup=False)
                raise typer.Exit(EXIT_NOTHING)
            with _Bar("fetching") as bar:
                report = fetch_feeds(store, listener=bar, analyse=analyse)
                bar.done()
            checked = _check_stories(store, report.stories) if analyse else ""
    except NewsfuseError as e:
        raise _fail(e) from None
    seconds = time.monotonic() - started
    print(
        f"newsfuse: feeds: {report.feeds_fetched} fetched, {report.feeds_not_modified} not modified, "
        f"{report.feeds_failed} failed; articles: {report.counts.line()} in {seconds:.1f} s{bar.rate()}{checked}"
    )
    total = report.feeds_fetched + report.feeds_not_modified + report.feeds_failed
    if report.feeds_failed == total:
        raise typer.Exit(EXIT_NOTHING)
    raise typer.Exit(EXIT_PARTIAL if report.feeds_failed or report.counts.rejected else EXIT_OK)


def stories_command(
    since: Annotated[
        str | None, typer.Option("--since", help="Only stories seen since: 3d, 12h, 2w, or a date YYYY-MM-DD.")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only stories with an article holding all these words.")
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.text,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many stories (0: all).")] = 50,
    db: DbOption = None,
) -> None:
    """The stories in the store, newest first: title, outlets, article count, dates, id."""
    from newsfuse.stories.listing import list_stories, parse_since, stories_to_json, warning_line

    try:
        first_day = parse_since(since)
        with _open(db, create=False) as store:
            stories = list_stories(store, since=first_day, search=search, limit=limit or None)
    except NewsfuseError as e:
        raise _fail(e) from None
    if fmt is ListFormat.json:
        print(stories_to_json(stories))
        return
    for story in stories:
        first = story.first_date.isoformat() if story.first_date else "undated"
        last = story.last_date.isoformat() if story.last_date else ""
        dates = first if not last or last == first else f"{first} to {last}"
        noun = "article" if story.articles == 1 else "articles"
        print(f"{story.id}\t{story.title}")
        print(f"\t{story.articles} {noun}, {dates}: {', '.join(story.outlets)}")
        if story.misquotes or story.disagreements:
            print(f"\t! {warning_line(story.misquotes or 0, story.disagreements or 0)}")
    if not stories:
        err.print("newsfuse: no stories match", markup=False)


def brief_from_store(
    story: str,
    db: Path | None,
    fmt: str,
    output: Path | None,
    words: int,
    method: str | None,
    analyse: bool,
    other_inputs: bool = False,
) -> int:
    """``newsfuse brief --story ID``: the brief of one stored story; returns the exit code.
    ``other_inputs``: INPUTS or --jsonl were given too, which --story does not combine with."""
    if other_inputs:
        err.print("newsfuse: error: --story briefs a story of the store; give no INPUTS or --jsonl", markup=False)
        return EXIT_NOTHING
    import newsfuse
    from newsfuse.render import render

    try:
        brief = newsfuse.brief_story(story, db=db, words=words, method=method, analyse=analyse)
        if fmt == "text" and output is None:
            from newsfuse.render.terminal import print_brief

            print_brief(brief, Console(highlight=False))
            return EXIT_OK
        text = render(brief, fmt)
    except NewsfuseError as e:
        err.print(f"newsfuse: error: {e}", markup=False)
        return EXIT_NOTHING
    text = text if text.endswith("\n") else text + "\n"
    try:
        with Sink(output) as out:
            out.write(text)
            out.commit()
    except NewsfuseError as e:
        err.print(f"newsfuse: error: {e}", markup=False)
        return EXIT_NOTHING
    return EXIT_OK


def cluster_into_store(jsonl: Path, output: Path | None, db: Path) -> int:
    """``newsfuse cluster --jsonl PILE --db FILE``: the same stream and output lines, but each
    article also goes into the store (duplicates stored once, stories kept, the clusterer
    restored from the store first), and story ids are the store's. Returns the exit code."""
    from newsfuse.stories.batch import BatchCounts, cluster_lines, read_stream
    from newsfuse.stories.collect import Adder

    counts = BatchCounts()
    try:
        with _open(db, create=True) as store, Adder(store) as adder, _Bar("clustering") as bar, Sink(output) as out:
            for line in cluster_lines(read_stream(jsonl), adder, counts):  # type: ignore[arg-type]
                if isinstance(line, Problem):
                    bar.problem(line)
                else:
                    out.write(line + "\n")
                    bar.step(None)
            out.commit()
    except NewsfuseError as e:
        err.print(f"newsfuse: error: {e}", markup=False)
        return EXIT_NOTHING
    err.print(f"newsfuse: {counts.line()}; store: {adder.counts.line()}", markup=False)
    if counts.articles == 0:
        return EXIT_NOTHING
    return EXIT_PARTIAL if counts.bad_lines else EXIT_OK


def register(app: typer.Typer) -> None:
    """Put the store's commands on ``app``."""
    app.command("add")(add_command)
    app.add_typer(feeds_app, name="feeds")
    app.command("fetch")(fetch_command)
    app.command("stories")(stories_command)
