"""The command line end to end, in a real subprocess, on our example story and on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfuse.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def _check_sources(brief: dict) -> None:
    texts = {}
    for a in brief["articles"]:
        texts[a["id"]] = a
    for item in brief["summary"]:
        assert item["sources"], item
        assert item["text"] == item["sources"][0]["text"]
        for src in item["sources"]:
            assert src["article"] in texts
            assert src["end"] > src["start"] >= 0


def test_json_brief_of_the_example_story(tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    res = run("brief", EXAMPLES / "story", "--format", "json", "-o", out, "--words", "120")
    assert res.returncode == 0, res.stderr
    brief = json.loads(out.read_text(encoding="utf-8"))
    assert len(brief["articles"]) == 5
    assert len({a["outlet"] for a in brief["articles"]}) == 5
    assert brief["summary"]
    assert sum(len(i["text"].split()) for i in brief["summary"]) <= 120
    _check_sources(brief)
    assert "Traceback" not in res.stderr


def test_markdown_to_stdout_names_outlets() -> None:
    res = run("brief", EXAMPLES / "story", "--format", "md", "--summary-only")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("#")


def test_bad_inputs_are_reported_and_the_rest_is_briefed(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    for src in sorted((EXAMPLES / "story").iterdir())[:3]:
        (story / src.name).write_bytes(src.read_bytes())
    (story / "empty.txt").write_text("", encoding="utf-8")
    (story / "blob.bin").write_bytes(bytes(range(256)) * 8)
    (story / "latin.txt").write_bytes("Caf\xe9 cr\xe8me \x81\x8d\x8f\x90 \xff\xfe".encode("latin-1"))
    (story / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    res = run("brief", story, "--format", "json", "--summary-only")
    assert res.returncode == 1, res.stderr
    brief = json.loads(res.stdout)
    assert len(brief["articles"]) >= 3
    err_lines = [line for line in res.stderr.splitlines() if line.strip()]
    for name in ("empty.txt", "blob.bin", "broken.json"):
        assert any(name in line for line in err_lines), (name, res.stderr)
    assert "Traceback" not in res.stderr


def test_nothing_readable_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    res = run("brief", tmp_path)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert "empty.txt" in res.stderr


def test_missing_path_is_named(tmp_path: Path) -> None:
    res = run("brief", tmp_path / "nope.txt")
    assert res.returncode == 2
    assert "nope.txt" in res.stderr and "Traceback" not in res.stderr


def test_one_article_story_is_briefed_with_a_warning() -> None:
    one = sorted((EXAMPLES / "story").glob("*.txt"))[0]
    res = run("brief", one, "--format", "json", "--summary-only")
    assert res.returncode == 0, res.stderr
    assert "only one article" in res.stderr
    assert json.loads(res.stdout)["summary"]


def test_batch_jsonl(tmp_path: Path) -> None:
    src = EXAMPLES / "stories.jsonl"
    lines = [line for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    bad = tmp_path / "stories.jsonl"
    bad.write_text("\n".join(lines + ["{not json"]) + "\n", encoding="utf-8")
    out = tmp_path / "briefs.jsonl"
    res = run("brief", "--jsonl", bad, "-o", out, "--words", "60", "--summary-only")
    assert res.returncode == 1, res.stderr
    assert f"{bad.name}:{len(lines) + 1}" in res.stderr
    briefs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [b["id"] for b in briefs] == [json.loads(line)["id"] for line in lines]
    for b in briefs:
        assert sum(len(i["text"].split()) for i in b["summary"]) <= 60
        _check_sources(b)


def test_unknown_method_is_a_clean_error() -> None:
    res = run("brief", EXAMPLES / "story", "--method", "nonsense", "--summary-only")
    assert res.returncode == 2
    assert "nonsense" in res.stderr and "Traceback" not in res.stderr


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_seeds_brief(seeds: Path, fmt: str) -> None:
    res = run("brief", seeds, "--format", fmt)
    assert res.returncode == 0, res.stderr
    assert "Blunt" in res.stdout


def test_batch_in_two_processes_gives_the_same_briefs_in_order(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsfuse.cli import app

    src = EXAMPLES / "stories.jsonl"
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"briefs-{workers}.jsonl"
        args = ["brief", "--jsonl", str(src), "-o", str(out), "--summary-only", "--workers", workers]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    ids = [json.loads(line)["id"] for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [json.loads(line)["id"] for line in outputs[1].splitlines()] == ids


def test_unknown_method_in_a_batch_is_one_line_before_any_work(tmp_path: Path) -> None:
    res = run("brief", "--jsonl", EXAMPLES / "stories.jsonl", "--method", "nonsense", "-o", tmp_path / "b.jsonl")
    assert res.returncode == 2
    assert [line for line in res.stderr.splitlines() if line] == [
        "newsfuse: error: unknown summary method 'nonsense'; "
        "available: consensus, coverage, coverage-embed, learned, learned-embed, support"
    ]
    assert not (tmp_path / "b.jsonl").exists()
