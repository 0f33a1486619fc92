"""Renderings of a Brief: Markdown, JSON (schema in ``newsfuse/schema/brief.schema.json``),
plain text (the terminal view without colour) and a self-contained HTML page."""

from __future__ import annotations

import io

from newsfuse.errors import ConfigError
from newsfuse.model import Brief

__all__ = ["FORMATS", "TEXT_WIDTH", "render", "render_text"]

#: The formats :func:`render` writes.
FORMATS: tuple[str, ...] = ("md", "json", "text", "html")
#: Columns of the plain-text rendering: the classic terminal width, so it reads anywhere.
TEXT_WIDTH = 80


def render_text(brief: Brief, width: int = TEXT_WIDTH) -> str:
    """The terminal view of ``brief`` as plain text (no colour codes), ``width`` columns wide."""
    from rich.console import Console

    from newsfuse.render.terminal import print_brief

    console = Console(file=io.StringIO(), width=width, record=True, color_system=None, highlight=False)
    print_brief(brief, console)
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"  # no padding to the width


def render(brief: Brief, fmt: str) -> str:
    """``brief`` rendered as ``fmt``, one of :data:`FORMATS`."""
    if fmt == "md":
        from newsfuse.render.markdown import brief_to_markdown

        return brief_to_markdown(brief)
    if fmt == "json":
        from newsfuse.render.json import brief_to_json

        return brief_to_json(brief)
    if fmt == "text":
        return render_text(brief)
    if fmt == "html":
        from newsfuse.render.html import brief_to_html

        return brief_to_html(brief)
    raise ConfigError(f"unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}")
