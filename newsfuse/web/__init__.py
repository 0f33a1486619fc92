"""The web view: ``newsfuse serve`` (a read-only page over the store). See :mod:`newsfuse.web.app`."""

from newsfuse.web.app import create_app

__all__ = ["create_app"]
