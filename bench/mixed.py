"""The mixed-stories warning of a brief (newsfuse.stories.mixed): false alarms and detections.

    python bench/mixed.py [--pairs 600]

A brief is given articles the user says are one story. The warning should stay silent on real
single stories and speak when two stories are mixed. Measured on two sets:

- **dev**: ../shared/data/stories_dev.jsonl (its gold stories of 2 or more articles; the rule
  "two groups of MIN_GROUP or more" was chosen looking at this set);
- **held out**: the 400 NeuS-train stories of bench/cluster.py ``heldout_pile`` (no choice made
  on them).

For each set: every gold story briefed alone (a warning is a false alarm), and ``--pairs``
random pairs of two gold stories mixed and shuffled (seeded; a warning is a detection). Rules,
all in the same process:

- ``newsfuse``: :func:`newsfuse.stories.mixed.mixed_story_note` as shipped;
- ``newsfuse, any split``: the same clusterer, warning whenever it makes more than one group;
- ``tfidf single pass``: bench/cluster.py's single-pass TF-IDF baseline (cosine threshold 0.25,
  its best on stories_dev), fitted on the articles of the brief alone, with the shipped rule.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cluster import DATA, _tfidf, heldout_pile, load_pile, single_pass  # noqa: E402

from newsfuse.model import Article  # noqa: E402
from newsfuse.stories.mixed import MIN_GROUP, mixed_story_note, story_groups  # noqa: E402

TFIDF_THRESHOLD = 0.25
SEED = 20261128


def _two_groups(sizes: Sequence[int]) -> bool:
    return sum(1 for n in sizes if n >= MIN_GROUP) >= 2


def newsfuse_rule(articles: Sequence[Article]) -> bool:
    return mixed_story_note(articles) is not None


def any_split(articles: Sequence[Article]) -> bool:
    return len(story_groups(articles)) > 1


def tfidf_rule(articles: Sequence[Article]) -> bool:
    if len(articles) < 2 * MIN_GROUP:
        return False
    matrix = _tfidf(articles)
    labels = single_pass((matrix @ matrix.T).toarray(), TFIDF_THRESHOLD)
    return _two_groups(list(Counter(labels).values()))


RULES: dict[str, Callable[[Sequence[Article]], bool]] = {
    "newsfuse": newsfuse_rule,
    "newsfuse, any split": any_split,
    "tfidf single pass": tfidf_rule,
}


def _stories(articles: list[Article], gold: list[str]) -> list[list[Article]]:
    by: dict[str, list[Article]] = defaultdict(list)
    for article, story in zip(articles, gold, strict=True):
        by[story].append(article)
    return [group for group in by.values() if len(group) >= MIN_GROUP]


def measure(name: str, stories: list[list[Article]], pairs: int) -> None:
    rng = random.Random(SEED)
    mixes = []
    for _ in range(pairs):
        a, b = rng.sample(range(len(stories)), 2)
        mixed = stories[a] + stories[b]
        rng.shuffle(mixed)
        mixes.append(mixed)
    print(f"\n{name}: {len(stories)} single stories of {MIN_GROUP}+ articles, {pairs} mixed pairs\n")
    print("| rule | false alarms on single stories | detections on mixed pairs | ms per brief (CPU) |")
    print("|---|---:|---:|---:|")
    for rule_name, rule in RULES.items():
        start = time.process_time()
        alarms = sum(rule(s) for s in stories)
        found = sum(rule(m) for m in mixes)
        ms = 1000 * (time.process_time() - start) / (len(stories) + len(mixes))
        print(
            f"| {rule_name} | {alarms} of {len(stories)} ({alarms / len(stories):.1%}) "
            f"| {found} of {len(mixes)} ({found / len(mixes):.1%}) | {ms:.1f} |"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=600)
    args = ap.parse_args()
    articles, gold, _ = load_pile(DATA / "stories_dev.jsonl")
    measure("dev: stories_dev.jsonl (the rule was chosen here)", _stories(articles, gold), args.pairs)
    articles, gold, _ = heldout_pile()
    measure("held out: 400 NeuS-train stories (bench/cluster.py heldout_pile)", _stories(articles, gold), args.pairs)


if __name__ == "__main__":
    main()
