"""Hostile input (issue 6, section 3): each case refused in one line naming the input and the
limit, the other inputs still briefed, the documented exit code, no traceback, no hang.

Big inputs are made in ``tmp_path``; the command runs in-process (typer's CliRunner) with a
deadline, so a regression that hangs fails the test instead of blocking the suite. A few cases
run the real command in a subprocess for its exit code.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.analysis.sentences import split_sentences
from newsfuse.brief.summarizers import _REGISTRY, Summarizer
from newsfuse.brief.summarizers.coverage import CoverageSummarizer
from newsfuse.cli import app
from newsfuse.config import MAX_ARTICLE_CHARS, MAX_INPUT_BYTES, MAX_JSON_DEPTH
from newsfuse.ingest import load

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
STORY = EXAMPLES / "story"
GOOD = STORY / "harbour_gazette.txt"
OTHER = STORY / "riverside_post.txt"
EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2

#: Seconds any one test may take before it counts as a hang.
DEADLINE = 60


class Hang(Exception):
    pass


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    """Fail (instead of hanging) when a test runs past DEADLINE: the alarm interrupts even a
    blocking ``open`` of a FIFO."""

    def ring(signum: int, frame: object) -> None:
        raise Hang(f"still running after {DEADLINE} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(DEADLINE)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def brief(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run ``newsfuse brief ARGS --summary-only`` in-process: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(app, ["brief", *map(str, args), "--summary-only"], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("newsfuse: error:")]


def briefed_origins(path: Path) -> set[str]:
    return {a["origin"] for a in json.loads(path.read_text(encoding="utf-8"))["articles"]}


def run_json(*inputs: str | Path, out: Path, env: dict[str, str] | None = None) -> tuple[int, list[str]]:
    """Brief ``inputs`` plus the good example file to ``out`` as JSON: (exit code, error lines)."""
    code, _, stderr = brief(*inputs, GOOD, "--format", "json", "-o", out, env=env)
    return code, error_lines(stderr)


# --- sizes -----------------------------------------------------------------------------------


def test_a_20_mb_text_file_is_refused_by_size_and_the_rest_briefed(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"The council met again today. " * (20_000_000 // 29))
    out = tmp_path / "brief.json"
    code, errors = run_json(big, out=out)
    assert code == EXIT_PARTIAL
    assert errors == [
        f"newsfuse: error: {big}: file of {big.stat().st_size:,} bytes, over the limit of "
        f"{MAX_INPUT_BYTES:,} (set NEWSFUSE_MAX_INPUT_BYTES to raise it)"
    ]
    assert briefed_origins(out) == {str(GOOD)}


def test_a_50_mb_html_page_is_refused_by_size(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    with page.open("w") as fh:
        fh.write("<html><body><article>")
        fh.writelines("<p>The council met again today.</p>\n" for _ in range(50_000_000 // 37))
        fh.write("</article></body></html>")
    out = tmp_path / "brief.json"
    code, errors = run_json(page, out=out)
    assert code == EXIT_PARTIAL
    assert len(errors) == 1 and str(page) in errors[0] and "NEWSFUSE_MAX_INPUT_BYTES" in errors[0]
    assert briefed_origins(out) == {str(GOOD)}


def test_a_5_million_character_line_is_refused_by_the_text_limit(tmp_path: Path) -> None:
    line = tmp_path / "line.txt"
    line.write_text("word " * 1_000_000)  # 5,000,000 characters, no newline, no punctuation
    out = tmp_path / "brief.json"
    started = time.perf_counter()
    code, errors = run_json(line, out=out)
    assert time.perf_counter() - started < DEADLINE
    assert code == EXIT_PARTIAL
    assert errors == [
        f"newsfuse: error: {line}: text of 4,999,999 characters, over the limit of {MAX_ARTICLE_CHARS:,} "
        "(set NEWSFUSE_MAX_ARTICLE_CHARS to raise it)"
    ]


def test_a_5_million_character_line_in_a_page_is_refused_after_extraction(tmp_path: Path) -> None:
    page = tmp_path / "line.html"
    page.write_text("<html><body><article><p>" + "word " * 1_000_000 + "</p></article></body></html>")
    result = load([page, GOOD])
    assert [a.origin for a in result.articles] == [str(GOOD)]
    (problem,) = result.problems
    assert problem.origin == str(page) and "over the limit of" in problem.message


def test_sentence_splitting_stays_linear_on_a_5_million_character_line() -> None:
    text = "word " * 1_000_000
    started = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - started < 10  # 0.6 s measured; quadratic would be hours
    assert spans and spans[-1].end <= len(text)


def test_text_without_punctuation_is_briefed(tmp_path: Path) -> None:
    flat = tmp_path / "flat.txt"
    flat.write_text("the harbour board met on monday and agreed to rebuild the sea wall before winter " * 400)
    out = tmp_path / "brief.json"
    code, errors = run_json(flat, out=out)
    assert (code, errors) == (EXIT_OK, [])
    assert briefed_origins(out) == {str(flat), str(GOOD)}
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]
    # Alone, its one 6,400-word "sentence" cannot fit a summary: said, not silently empty.
    code, _, stderr = brief(flat, "--format", "md")
    assert code == EXIT_OK and "newsfuse: warning: the summary is empty" in stderr


def test_limits_are_raised_and_lowered_by_environment_variables(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text("The harbour board met on Monday. It agreed to rebuild the wall. " * 40)
    out = tmp_path / "brief.json"
    code, errors = run_json(small, out=out, env={"NEWSFUSE_MAX_INPUT_BYTES": "1K"})
    assert code == EXIT_NOTHING  # the good file is over 1 KiB too
    assert all("over the limit of 1,024 (set NEWSFUSE_MAX_INPUT_BYTES" in e for e in errors)
    code, errors = run_json(small, out=out, env={"NEWSFUSE_MAX_ARTICLE_CHARS": "500"})
    assert any(f"{small}: text of" in e and "over the limit of 500" in e for e in errors)
    code, errors = run_json(small, out=out, env={"NEWSFUSE_MAX_ARTICLE_CHARS": "1M"})
    assert (code, errors) == (EXIT_OK, [])


def test_a_bad_limit_setting_is_one_line(tmp_path: Path) -> None:
    code, _, stderr = brief(GOOD, "-o", tmp_path / "b.md", env={"NEWSFUSE_MAX_JSON_DEPTH": "deep"})
    assert code == EXIT_NOTHING
    assert error_lines(stderr) == [
        "newsfuse: error: NEWSFUSE_MAX_JSON_DEPTH='deep': give a positive whole number (K, M or G suffix allowed)"
    ]


# --- JSON ------------------------------------------------------------------------------------


def test_json_nested_10000_deep_is_refused_by_the_depth_limit(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 10_000 + "]" * 10_000)
    out = tmp_path / "brief.json"
    code, errors = run_json(deep, out=out)
    assert code == EXIT_PARTIAL
    assert errors == [
        f"newsfuse: error: {deep}: JSON nested 10,000 deep, over the limit of {MAX_JSON_DEPTH} "
        "(set NEWSFUSE_MAX_JSON_DEPTH to raise it)"
    ]
    # Raised past what Python's own parser takes, it is still one line, not a RecursionError.
    code, errors = run_json(deep, out=out, env={"NEWSFUSE_MAX_JSON_DEPTH": "100000"})
    assert code == EXIT_PARTIAL and len(errors) == 1 and "too deep for Python's parser" in errors[0]


def test_brackets_inside_strings_do_not_count_as_depth(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    record.write_text(json.dumps({"text": "Odd [[[[ text {{{{ " * 100 + "here.", "outlet": "Brackets"}))
    assert [a.outlet for a in load([record]).articles] == ["Brackets"]


# --- files that are not files ----------------------------------------------------------------


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = tmp_path / "brief.json"
    code, errors = run_json(fifo, out=out)  # opening it for reading would block: the deadline fails it
    assert code == EXIT_PARTIAL
    assert errors == [f"newsfuse: error: {fifo}: a FIFO (named pipe), not a regular file: not read"]
    assert briefed_origins(out) == {str(GOOD)}


def test_a_fifo_inside_a_folder_is_reported_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "good.txt").write_bytes(GOOD.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    result = load([folder])
    assert [a.origin for a in result.articles] == [str(folder / "good.txt")]
    assert [p.origin for p in result.problems] == [str(folder / "pipe.txt")]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_as_a_device(tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    code, errors = run_json("/dev/zero", out=out)
    assert code == EXIT_PARTIAL
    assert errors == ["newsfuse: error: /dev/zero: a character device, not a regular file: not read"]


def test_a_symlink_loop_ends_for_folders_and_double_star_globs(tmp_path: Path) -> None:
    root = tmp_path / "loop"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "story.txt").write_bytes(GOOD.read_bytes())
    (root / "a" / "b" / "up").symlink_to(root)  # b/up -> loop: loop/a/b/up/a/b/up/...
    (root / "a" / "self").symlink_to(".")
    (root / "a" / "twin").symlink_to("b")  # a second way into b: still read once
    for item in (root, f"{root}/**/*.txt", f"{root}/**"):
        result = load([item])
        assert [a.origin for a in result.articles] == [str(root / "a" / "b" / "story.txt")], item
        assert result.problems == ()


# --- bytes that are not text -----------------------------------------------------------------


def test_a_utf16_bom_followed_by_an_odd_number_of_bytes_is_not_text(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_bytes(b"\xff\xfe" + "The council met.".encode("utf-16-le") + b"!")
    code, errors = run_json(odd, out=tmp_path / "brief.json")
    assert code == EXIT_PARTIAL
    assert errors == [f"newsfuse: error: {odd}: UTF-16 byte-order mark followed by an odd number of bytes: not text"]


def test_an_invalid_date_header_is_reported_and_kept_out_of_the_text(tmp_path: Path) -> None:
    dated = tmp_path / "dated.txt"
    dated.write_text("date 2024-02-30\n" + OTHER.read_text(encoding="utf-8"))
    code, _, stderr = brief(dated, GOOD, "--format", "json", "-o", tmp_path / "brief.json")
    assert code == EXIT_OK  # a warning: the article is used
    assert f"newsfuse: warning: {dated}: ignored an impossible date header 'date 2024-02-30'" in stderr
    (article,) = load([dated]).articles
    (plain,) = load([OTHER]).articles
    assert article.text == plain.text and article.date is None


# --- the output file -------------------------------------------------------------------------


def _refused_before_work(stderr: str, out: Path) -> None:
    """Only the output error is printed: no input was read (the bad one would be reported)."""
    (line,) = error_lines(stderr)
    assert line.startswith(f"newsfuse: error: {out}")
    assert "warning" not in stderr


def test_output_into_a_missing_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "brief.md"
    code, _, stderr = brief(GOOD, tmp_path / "missing.txt", "-o", out)
    assert code == EXIT_NOTHING
    _refused_before_work(stderr, out)
    assert "does not exist" in stderr and not out.parent.exists()


def test_output_onto_a_folder_is_refused(tmp_path: Path) -> None:
    code, _, stderr = brief(GOOD, tmp_path / "missing.txt", "-o", tmp_path)
    assert code == EXIT_NOTHING
    _refused_before_work(stderr, tmp_path)
    assert "is a folder" in stderr


def test_output_to_a_device_is_written_in_place() -> None:
    """``-o /dev/null`` (a device: no temporary file, nothing to sync) succeeds like stdout."""
    code, _, stderr = brief(GOOD, OTHER, "-o", "/dev/null")
    assert code == 0, stderr
    assert not error_lines(stderr)


def _read_only_folder(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        return folder
    # root writes through permission bits; sysfs refuses new files even to root.
    if Path("/sys/kernel").is_dir():
        return Path("/sys/kernel")
    pytest.skip("running as root with no read-only folder to write into")


def test_output_into_a_read_only_place_fails_in_one_line(tmp_path: Path) -> None:
    out = _read_only_folder(tmp_path) / "brief.md"
    code, _, stderr = brief(GOOD, "-o", out)
    assert code == EXIT_NOTHING
    assert error_lines(stderr) == [f"newsfuse: error: {out}: cannot write here (permission denied)"]
    assert not out.exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_2() -> None:
    code, _, stderr = brief(GOOD, OTHER, "--format", "md", "-o", "/dev/full")  # every write: ENOSPC
    assert code == EXIT_NOTHING
    assert error_lines(stderr) == ["newsfuse: error: /dev/full: cannot write (no space left on device)"]


_FAIL_MIDWAY = """
import resource, signal, sys
from typer.testing import CliRunner
from newsfuse.cli import app
good, other, warm, out = sys.argv[1:]
base = ["brief", good, other, "--summary-only", "--format", "md", "-o"]
assert CliRunner().invoke(app, base + [warm]).exit_code == 0  # models loaded (some write temp files)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
result = CliRunner().invoke(app, base + [out])
sys.stderr.write(result.stderr)
sys.exit(result.exit_code)
"""


def test_a_write_that_fails_midway_leaves_the_previous_file_intact(tmp_path: Path) -> None:
    """A real process whose file-size limit stops the write after 1 KB (as a full disk would):
    the previous brief stays as it was and no temporary file is left behind."""
    out = tmp_path / "brief.md"
    out.write_text("the previous brief\n")
    warm = tmp_path / "warm-up" / "brief.md"
    warm.parent.mkdir()
    res = subprocess.run(
        [sys.executable, "-c", _FAIL_MIDWAY, str(GOOD), str(OTHER), str(warm), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == EXIT_NOTHING, res.stderr
    assert f"newsfuse: error: {out}: cannot write (file too large)" in res.stderr
    assert "Traceback" not in res.stderr
    assert out.read_text() == "the previous brief\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md", "warm-up"]
    assert warm.stat().st_size > 1024  # the same brief is bigger than the limit: the limit did bite


def test_output_naming_an_input_is_refused(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(GOOD.read_bytes())
    code, _, stderr = brief(story, OTHER, tmp_path / "missing.txt", "-o", story)
    assert code == EXIT_NOTHING
    _refused_before_work(stderr, story)
    assert "it is one of the inputs" in stderr
    assert story.read_bytes() == GOOD.read_bytes()


def test_output_inside_an_input_folder_or_glob_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "one.txt").write_bytes(GOOD.read_bytes())
    for inputs, why in (([folder], "inside the input folder"), ([f"{tmp_path}/**/*.md"], "matches the input pattern")):
        out = folder / "brief.md"
        code, _, stderr = brief(*inputs, tmp_path / "missing.txt", "-o", out)
        assert code == EXIT_NOTHING and why in stderr
        _refused_before_work(stderr, out)
        assert not out.exists()


def test_a_successful_run_replaces_the_previous_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.write_text("the previous brief\n")
    out.chmod(0o640)
    code, _, _ = brief(GOOD, OTHER, "--format", "md", "-o", out)
    assert code == EXIT_OK
    assert out.read_text().startswith("#") and (out.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


# --- batch -----------------------------------------------------------------------------------


class _BrokenOnPurpose(Summarizer):
    """A summary method with a bug that shows on one story only (the one about a ferry)."""

    name = "test-broken-on-ferries"

    def summarize(self, articles: Sequence, words: int, sentences: object = None) -> list:  # type: ignore[type-arg]
        if any("ferry" in a.text.lower() for a in articles):
            raise ZeroDivisionError("a bug in a summary method")
        return CoverageSummarizer().summarize(articles, words, sentences)  # type: ignore[arg-type]


@pytest.fixture
def broken_method() -> Iterator[str]:
    _REGISTRY[_BrokenOnPurpose.name] = _BrokenOnPurpose
    yield _BrokenOnPurpose.name
    del _REGISTRY[_BrokenOnPurpose.name]


def _batch_file(tmp_path: Path) -> tuple[Path, list[str]]:
    stories = (EXAMPLES / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    lines = [
        stories[0],
        '{"id": "broken", "articles": [',
        "[" * 10_000 + "]" * 10_000,
        stories[1],
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path, [json.loads(line)["id"] for line in (stories[0], stories[1])]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_bad_lines_cost_only_their_story(tmp_path: Path, workers: str) -> None:
    path, good_ids = _batch_file(tmp_path)
    out = tmp_path / "briefs.jsonl"
    code, _, stderr = brief("--jsonl", path, "-o", out, "--workers", workers)
    assert code == EXIT_PARTIAL
    assert [e.split(": ")[2] for e in error_lines(stderr)] == [f"{path}:2", f"{path}:3"]
    assert "JSON nested 10,000 deep, over the limit" in stderr
    assert "newsfuse: 2 of 4 stories briefed" in stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == good_ids


def test_batch_a_story_that_fails_to_brief_costs_only_that_story(tmp_path: Path, broken_method: str) -> None:
    path, good_ids = _batch_file(tmp_path)
    ferry_line = next(
        n for n, line in enumerate(path.read_text().splitlines(), 1) if "ferry" in line.lower() and line.startswith("{")
    )
    out = tmp_path / "briefs.jsonl"
    code, _, stderr = brief("--jsonl", path, "-o", out, "--method", broken_method, "--workers", "2")
    assert code == EXIT_PARTIAL
    assert f"newsfuse: error: {path}:{ferry_line}: could not brief this story (ZeroDivisionError" in stderr
    briefed = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert len(briefed) == 1 and briefed[0] in good_ids


def test_batch_with_nothing_briefed_leaves_the_previous_output(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{nope\n[1, 2]\n")
    out = tmp_path / "briefs.jsonl"
    out.write_text("previous\n")
    code, _, stderr = brief("--jsonl", path, "-o", out)
    assert code == EXIT_NOTHING and "0 of 2 stories briefed" in stderr
    assert out.read_text() == "previous\n"


def test_a_batch_line_over_the_byte_limit_is_skipped_not_kept(tmp_path: Path) -> None:
    path, good_ids = _batch_file(tmp_path)
    longest = max(len(line) for line in path.read_bytes().splitlines())
    out = tmp_path / "briefs.jsonl"
    code, _, stderr = brief("--jsonl", path, "-o", out, env={"NEWSFUSE_MAX_INPUT_BYTES": str(longest - 1)})
    assert code in (EXIT_PARTIAL, EXIT_NOTHING)
    assert f"{path}:3: line of more bytes, over the limit" in stderr


# --- the real command ------------------------------------------------------------------------


def test_real_process_exit_codes_on_hostile_inputs(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "story.txt").write_bytes(GOOD.read_bytes())
    (tmp_path / "loop" / "again").symlink_to(".")

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "newsfuse.cli", "brief", *map(str, args), "--summary-only", "-f", "md"]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    partial = run(fifo, "/dev/zero", f"{tmp_path}/loop/**/*.txt", OTHER, "-o", tmp_path / "out.md")
    assert partial.returncode == EXIT_PARTIAL, partial.stderr
    assert len(error_lines(partial.stderr)) == 2 and "Traceback" not in partial.stderr
    assert (tmp_path / "out.md").read_text().startswith("#")
    nothing = run(fifo, "/dev/zero")
    assert nothing.returncode == EXIT_NOTHING and "Traceback" not in nothing.stderr
