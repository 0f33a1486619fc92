"""newsfuse: read the news from many sources at once and write one sourced brief.

>>> import newsfuse
>>> b = newsfuse.brief(["examples/story"], words=150)
>>> print(newsfuse.render(b, "md"))
"""

from newsfuse.api import brief, brief_stories, brief_story
from newsfuse.errors import NewsfuseError
from newsfuse.model import Article, Brief, Quote, Ref, SummaryItem
from newsfuse.render import render

__all__ = [
    "brief",
    "brief_stories",
    "brief_story",
    "render",
    "Article",
    "Brief",
    "Quote",
    "Ref",
    "SummaryItem",
    "NewsfuseError",
]
__version__ = "0.1.0"
