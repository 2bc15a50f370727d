"""Near-identical opinions: mass comments are often one text copied with small changes.

Texts are normalised (punctuation, spaces and full/half width removed), cut into
character bigrams, and compared by Jaccard similarity. Identical normalised texts
are compared once. Clusters are the connected components of "similar" pairs.
"""

from __future__ import annotations

import re
import unicodedata

THRESHOLD = 0.75
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def shingles(text: str) -> frozenset[str]:
    text = normalise(text)
    if len(text) < 2:
        return frozenset({text})
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def clusters(texts: list[str], *, threshold: float = THRESHOLD) -> list[list[int]]:
    """Indexes of `texts` grouped into clusters (singletons included), in input order."""
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_text: dict[str, int] = {}
    uniques: list[int] = []
    for i, text in enumerate(texts):
        key = normalise(text)
        if key in by_text:
            parent[find(i)] = find(by_text[key])
        else:
            by_text[key] = i
            uniques.append(i)
    sets = {i: shingles(texts[i]) for i in uniques}
    for pos, i in enumerate(uniques):
        a = sets[i]
        for j in uniques[pos + 1 :]:
            b = sets[j]
            # The size ratio bounds Jaccard from above: skip pairs that cannot reach the threshold.
            if min(len(a), len(b)) < threshold * max(len(a), len(b)):
                continue
            if jaccard(a, b) >= threshold:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda members: members[0])
