"""The one-way flow: a lower layer never imports a higher one (ingest -> analysis -> ... -> cli)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "newsfuse"

# Lower number = lower layer. A module may import its own layer and any lower one.
LAYERS = {
    "model": 0,
    "errors": 0,
    "config": 0,
    "lexicon": 0,
    "trees": 0,  # numpy evaluation of flattened gradient-boosted trees (summarizer worth, clusterer bench)
    "ingest": 1,
    "analysis": 2,
    "store": 3,  # persistence for model objects: stories, brief, web and cli read and write through it
    "stories": 4,
    "brief": 5,
    "render": 6,
    "web": 7,
    "spark": 7,
    "api": 8,
    "cli": 9,
    "cli_cluster": 9,
    "cli_output": 9,
    "cli_store": 9,
    "cli_web": 9,
    "cli_spark": 9,
    "cli_app": 9,  # the typer app; cli.py is the console script's launcher in front of it
    "cli_daemon": 9,
    "daemon": 9,  # the resident process: its server runs the CLI's main() in forked children
    "__init__": 9,
}


def _layer(module: str) -> int:
    first = module.split(".")[0]
    return LAYERS[first.removesuffix(".py")]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return [m.removeprefix("newsfuse.") for m in found if m == "newsfuse" or m.startswith("newsfuse.")]


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_upward_imports(path: Path) -> None:
    own = _layer(str(path.relative_to(PACKAGE)).replace("/", "."))
    for target in _imports(path):
        if target == "newsfuse":
            assert own >= LAYERS["__init__"], f"{path.name} imports the top-level package"
            continue
        assert _layer(target) <= own, f"{path.relative_to(PACKAGE)} (layer {own}) imports newsfuse.{target}"


def test_every_top_level_module_has_a_layer() -> None:
    for path in PACKAGE.iterdir():
        if path.name.startswith((".", "__pycache__")) or path.suffix not in ("", ".py"):
            continue
        if path.is_dir() and not (path / "__init__.py").exists() and not any(path.glob("*.py")):
            continue
        assert path.name.removesuffix(".py") in LAYERS, f"newsfuse/{path.name} has no layer in tests/test_layers.py"
