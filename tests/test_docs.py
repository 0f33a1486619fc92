"""Every command and option of the CLI is documented in the README."""

from __future__ import annotations

from pathlib import Path

import typer.main

from newsfuse.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"newsfuse {name}" in README, f"command {name!r} is not in README.md"


def test_every_option_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}`" in README, f"option {opt} of `newsfuse {name}` is not in README.md"


def test_quick_start_has_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README
