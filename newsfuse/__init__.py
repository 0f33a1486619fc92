"""newsfuse: read the news from many sources at once and write one sourced brief."""

from newsfuse.model import Article, Brief

__all__ = ["Article", "Brief"]
__version__ = "0.1.0"
