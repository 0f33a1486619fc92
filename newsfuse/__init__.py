"""newsfuse: read the news from many sources at once and write one sourced brief.

>>> import newsfuse
>>> b = newsfuse.brief(["examples/story"], words=150)
>>> print(newsfuse.render(b, "md"))
"""

from newsfuse.api import brief, brief_stories
from newsfuse.errors import NewsfuseError
from newsfuse.model import Article, Brief, Quote, Ref, SummaryItem

__all__ = ["brief", "brief_stories", "render", "Article", "Brief", "Quote", "Ref", "SummaryItem", "NewsfuseError"]
__version__ = "0.1.0"


def render(brief: Brief, fmt: str = "md") -> str:
    """Render a brief as ``"md"`` (Markdown), ``"json"`` or ``"text"`` (the terminal view, plain)."""
    from newsfuse.render import render as _render

    return _render(brief, fmt)
