"""Group similar questions (items 5, 6): the raw material of the FAQ list.

Questions are cut into words as search does (rjieba with the domain dictionary,
colloquial fillers dropped), weighted with scikit-learn's TF-IDF, and compared
by cosine similarity. Groups are formed around leaders (see _leader_groups):
the question most questions resemble leads a group of all those at least
`threshold` alike, then the next. The similarity matrix is built a block of
rows at a time, so 10,000 questions need little memory.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from search import text as search_text

if TYPE_CHECKING:
    import numpy as np

# numpy, scipy and scikit-learn are imported by the functions that cluster: importing
# scikit-learn takes seconds, and the URL configuration imports this module, so every
# web process paid for it at start for a page few staff open.

DEFAULT_THRESHOLD = 0.4
# Words that say what kind of question it is, not what it is about: two questions
# sharing only these (怎么申请, 需要什么材料) are not alike.
GENERIC_WORDS = frozenset(
    "申请 办理 材料 时间 条件 标准 部门 政策 网上 多久 了解 问题 情况 规定 要求 流程 手续 咨询 请问 知道 时候 "
    "地方 可以 能不能 哪里 怎么 变化 谢谢 麻烦 尽快 回复 具体".split()
)
BLOCK_ROWS = 1000


@dataclass
class Item:
    """One question to cluster: a message from any channel or a service-window record."""

    text: str
    weight: int = 1  # a window record may stand for several people asking
    key: str = ""
    topic: str = ""
    policy_id: int | None = None
    answer: str = ""
    answer_score: int = 0  # higher is a better answer (the asker was satisfied)
    channel: str = ""
    # The asker's name and contact details, so that pages showing the text can hide them.
    names: tuple[str, ...] = ()
    private: tuple[str, ...] = ()


@dataclass
class Cluster:
    items: list[Item]
    size: int
    keywords: list[str]
    samples: list[Item] = field(default_factory=list)

    @property
    def best_answers(self) -> list[Item]:
        answered = [i for i in self.items if i.answer]
        return sorted(answered, key=lambda i: -i.answer_score)[:3]

    @property
    def topic(self) -> str:
        topics = Counter(i.topic for i in self.items if i.topic)
        return topics.most_common(1)[0][0] if topics else ""

    @property
    def policy_ids(self) -> list[int]:
        counts = Counter(i.policy_id for i in self.items if i.policy_id)
        return [pk for pk, _ in counts.most_common(5)]

    @property
    def channels(self) -> list[tuple[str, int]]:
        return Counter(i.channel for i in self.items if i.channel).most_common()


def tokens(text: str) -> list[str]:
    """Content words of a question: segmented, fillers dropped, single characters kept
    together when they stand side by side (养 狗 → 养狗)."""
    out: list[str] = []
    singles = ""
    for word in [*search_text.segmenter().cut(search_text.normalise(text), False), " "]:
        if len(word) == 1 and search_text._CJK_CHAR.match(word):
            if word not in search_text.STOP_CHARACTERS:
                singles += word
            continue
        if singles:
            out.append(singles)
        singles = ""
        word = word.strip()
        if len(word) > 1 and word not in search_text.STOPWORDS and word not in GENERIC_WORDS and not word.isdigit():
            out.append(word)
    return out


def cluster(items: list[Item], *, threshold: float = DEFAULT_THRESHOLD, min_size: int = 1) -> list[Cluster]:
    """Clusters of similar questions, largest first (size counts window records' weight)."""
    if not items:
        return []
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=tokens, sublinear_tf=True, norm="l2", dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform([i.text for i in items]).tocsr()
    except ValueError:  # no words at all (only punctuation or digits)
        return [_make(items, [k], [], None, None) for k in range(len(items)) if items[k].weight >= min_size]
    groups = _leader_groups(matrix, np.array([i.weight for i in items], dtype=np.float64), threshold)
    terms = vectorizer.get_feature_names_out()
    clusters = [_make(items, members, terms, matrix, vectorizer) for members in groups]
    clusters = [c for c in clusters if c.size >= min_size]
    clusters.sort(key=lambda c: (-c.size, -len(c.items), c.items[0].key))
    return clusters


def _leader_groups(matrix, weights: np.ndarray, threshold: float) -> list[list[int]]:
    """Greedy leader clustering: the question with the most similar questions (by weight)
    leads a group of every unassigned question at least `threshold` like it; repeat.

    Unlike connected components, a member must resemble its leader directly, so two
    topics that share a generic word (申请, 补贴) are not chained into one group.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    n = matrix.shape[0]
    rows, cols = [], []
    transposed = matrix.T.tocsc()
    for start in range(0, n, BLOCK_ROWS):
        block = (matrix[start : start + BLOCK_ROWS] @ transposed).tocoo()
        keep = block.data >= threshold
        rows.append(block.row[keep] + start)
        cols.append(block.col[keep])
    row, col = np.concatenate(rows), np.concatenate(cols)
    adjacency = csr_matrix((np.ones(len(row), dtype=np.float32), (row, col)), shape=(n, n))
    adjacency.setdiag(1)
    adjacency = adjacency.tocsr()
    density = adjacency @ weights
    assigned = np.full(n, -1, dtype=np.int64)
    groups: list[list[int]] = []
    for leader in np.argsort(-density, kind="stable"):
        if assigned[leader] != -1:
            continue
        neighbours = adjacency.indices[adjacency.indptr[leader] : adjacency.indptr[leader + 1]]
        free = neighbours[assigned[neighbours] == -1]
        assigned[free] = len(groups)
        groups.append([int(leader), *(int(k) for k in free if k != leader)])
    return groups


def _make(items: list[Item], members: list[int], terms, matrix, vectorizer) -> Cluster:
    import numpy as np

    chosen = [items[k] for k in members]
    size = sum(i.weight for i in chosen)
    if matrix is None:
        return Cluster(items=chosen, size=size, keywords=[], samples=chosen[:3])
    sub = matrix[members]
    centroid = np.asarray(sub.mean(axis=0)).ravel()
    keywords = [str(terms[k]) for k in np.argsort(-centroid)[:5] if centroid[k] > 0]
    closeness = np.asarray(sub @ centroid).ravel()
    order = np.argsort(-closeness)
    samples, seen = [], set()
    for k in order:
        text = chosen[int(k)].text.strip()
        if text not in seen:
            seen.add(text)
            samples.append(chosen[int(k)])
        if len(samples) == 3:
            break
    return Cluster(items=chosen, size=size, keywords=keywords, samples=samples)


def period_items(start: dt.date, end: dt.date) -> list[Item]:
    """Every message (all channels) and window record received in [start, end]."""
    from .models import Message, Rating, WindowQuestion

    score = {Rating.SATISFIED: 3, Rating.BASIC: 2, "": 1, Rating.UNSATISFIED: 0}
    items = [
        Item(
            text=f"{title}。{question}",
            key=f"m{pk}",
            topic=topic,
            policy_id=policy_id,
            answer=answer,
            answer_score=score.get(rating, 1),
            channel=channel,
            names=(name, enterprise),
            private=(phone, email),
        )
        for pk, title, question, topic, policy_id, answer, rating, channel, name, enterprise, phone, email in (
            Message.objects.received_between(start, end)
            .exclude(status=Message.Status.REJECTED)
            .values_list(
                *["pk", "title", "question", "topic", "related_policy_id", "answer", "rating", "channel"],
                *["asker_name", "enterprise_name", "phone", "email"],
            )
            .order_by("pk")
        )
    ]
    items += [
        Item(text=question, weight=times, key=f"w{pk}", topic=topic, policy_id=policy_id, channel="window")
        for pk, question, topic, policy_id, times in WindowQuestion.objects.filter(
            asked_on__gte=start, asked_on__lte=end
        )
        .values_list("pk", "question", "topic", "related_policy_id", "times")
        .order_by("pk")
    ]
    return items
