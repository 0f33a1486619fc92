"""The public API is what __all__ says, and it works as documented."""

from __future__ import annotations

import newsfuse
import newsfuse.model


def test_all_names_exist() -> None:
    for name in newsfuse.__all__:
        assert hasattr(newsfuse, name), name
    for name in newsfuse.model.__all__:
        assert hasattr(newsfuse.model, name), name


def test_public_api_is_what_the_readme_shows() -> None:
    assert set(newsfuse.__all__) >= {"brief", "brief_stories", "render", "Article", "Brief"}
