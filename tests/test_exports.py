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


def test_render_stays_a_function_after_the_render_package_is_imported() -> None:
    """Regression: a lazy import of newsfuse.render once replaced newsfuse.render with the module."""
    import newsfuse.render.json  # noqa: F401

    b = newsfuse.Brief(id="x", articles=(), summary=(), words=10)
    assert callable(newsfuse.render)
    first = newsfuse.render(b, "json")
    assert newsfuse.render(b, "json") == first
