"""The exact-key table of the clusterer's duplicate check (newsfuse.stories.seen), against a plain
dict holding the same keys; small blocks and merges so that a short run packs, merges and forgets
many times."""

from __future__ import annotations

import pytest

import newsfuse.stories.seen as seen
from newsfuse.stories.seen import SeenKeys, key_hash


def test_kinds_never_share_a_key() -> None:
    assert key_hash("url", "example.org/a") != key_hash("text", "example.org/a")
    assert key_hash("url", "example.org/a") == key_hash("url", "example.org/a")


@pytest.mark.parametrize("keep", [10_000, 300])
def test_the_table_finds_what_a_dict_finds_among_the_latest_articles(
    monkeypatch: pytest.MonkeyPatch, keep: int
) -> None:
    monkeypatch.setattr(seen, "BLOCK", 64)
    monkeypatch.setattr(seen, "MERGE_KEYS", 50)
    table = SeenKeys(keep)
    holder: dict[int, tuple[int, str, str]] = {}  # key -> (ordinal, article id, story id) holding it
    for n in range(1_000):
        aid, story = f"article-{n}", f"story-{n // 7}"
        keys = [key_hash("text", f"text {n}"), key_hash("url", f"site/{n % 400}")]  # URLs come back
        for key in keys:
            if key not in holder or holder[key][0] <= n - keep:  # the first, or the first since forgotten
                holder[key] = (n, aid, story)
        table.add(keys, aid, story)
        if n % 97 == 0:
            for key, (o, a, s) in holder.items():
                want = (a, s) if o > n - keep else None
                assert table.find(key) == want, (n, key)
    assert len(table) == min(keep, 1_000)
    assert table.find(key_hash("text", "never added")) is None


def test_a_forgotten_key_held_again_is_found_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seen, "BLOCK", 8)
    monkeypatch.setattr(seen, "MERGE_KEYS", 4)
    table = SeenKeys(5)
    key = key_hash("url", "site/story")
    table.add([key], "old", "s-old")
    for n in range(20):
        table.add([key_hash("text", str(n))], f"a{n}", "s")
    assert table.find(key) is None  # forgotten: more than 5 articles ago
    table.add([key], "new", "s-new")
    for n in range(3):
        table.add([key_hash("text", f"more {n}")], f"b{n}", "s")
    assert table.find(key) == ("new", "s-new")


def test_memory_is_bounded_by_keep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seen, "BLOCK", 64)
    monkeypatch.setattr(seen, "MERGE_KEYS", 50)
    table = SeenKeys(200)
    sizes = []
    for n in range(3_000):
        table.add([key_hash("text", str(n)), key_hash("url", str(n))], f"article-{n}", "story")
        if n % 500 == 499:
            sizes.append(table.nbytes)
    assert max(sizes[1:]) <= 1.2 * sizes[1]  # flat once the table is full
    with pytest.raises(ValueError):
        SeenKeys(0)
