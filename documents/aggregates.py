"""Counts of the public library, read from the shared cache instead of the corpus.

The list page's facets and the home page's tag catalogue were
aggregate queries over every public document on each request (the tag facet alone took
720 ms at 20,000 documents). They are now computed from one `Aggregate`: the number of
public documents per (type, topic, year written, reader's validity today, issuing organ),
and the same per tag. Its size is bounded by the combinations of those values, not by the
number of documents; a process keeps the one it last read, and the facet counts of the
filter combinations it was asked for.

Exact, not "fresh enough":
- its cache key holds a version that `changed()` replaces once the writing transaction
  commits; documents.services calls it wherever a document enters, leaves or changes on
  the public side (publication, withdrawal, an edit after publication, the expiry sweep,
  the historical review, bulk generation);
- the key also holds today's date, so the validity computed from the dates is today's:
  a document that expires at midnight leaves the counts that day, whether or not the
  daily sweep has run;
- a document signed with a later publication time becomes public without any write: the
  aggregate records the next such time and is recomputed once it has passed.

Who computes it: the writer's request, right after its commit (so the next visitor does
not wait), and beat every minute (warm(): after a scheduled publication's time, and the
next day's before midnight); a visitor only if the cache lost it.

Only anonymous (public) reads use it; a signed-in reader may see targeted documents,
whose lists are computed from the database as before.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.db.models import Count, Min
from django.db.models.functions import ExtractYear
from django.utils import timezone

from xujing_portal import pagecache

from .models import PolicyDocument, Status
from .validity import current_validity_expression

VERSION_KEY = "documents:aggregate:version"
KEY = "documents:aggregate:3:{version}:{today}"  # 3: the layout of Aggregate
TIMEOUT = 26 * 3600  # a day's key is not read after that day

# The columns of a row, in order (a facet's index in the arrays below).
FACET_INDEX = {"doc_type": 0, "topic": 1, "year": 2, "validity": 3, "organisation": 4}
CODED = (0, 1, 3)  # columns held as codes into Aggregate.words (strings in the database)
NONE = -1  # a year or organisation that is not set


@dataclass(frozen=True)
class Aggregate:
    """Counts as integer arrays, not dicts of tuples: at 100,000 documents a process
    unpickles them in about a millisecond (the dicts took a few hundred), they take a few
    megabytes instead of about a hundred per web process, and a facet count is a handful of
    vectorised passes instead of a Python loop over every row."""

    documents: np.ndarray  # int32 (rows, 6): the five columns of FACET_INDEX, then the count
    tagged: np.ndarray  # int32 (rows, 7): tag id, the five columns, the count of documents with that tag
    words: tuple[tuple[str, ...], ...]  # per coded column: code -> value
    fresh_until: dt.datetime | None  # the next scheduled publication: recompute after it
    # Facet counts already worked out in this process (facet_counts), not pickled.
    facet_memo: dict = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "facet_memo": {}}

    def tag_counts(self) -> Counter:
        """Documents per tag id."""
        return _sums(self.tagged[:, 0], self.tagged[:, 6])

    def code(self, column: int, value: object) -> int | None:
        """A filter's value as stored in the column; None if no row can match it."""
        if column in CODED:
            try:
                return self.words[CODED.index(column)].index(value)
            except ValueError:
                return None
        return NONE if value is None else int(value)

    def value(self, column: int, code: int) -> object:
        if column in CODED:
            return self.words[CODED.index(column)][code]
        return None if code == NONE else code


def _sums(keys: np.ndarray, weights: np.ndarray) -> Counter:
    """Sum of weights per key, as a Counter."""
    if not len(keys):
        return Counter()
    values, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse, weights=weights)
    return Counter({int(v): int(n) for v, n in zip(values, sums, strict=True) if n})


def _arrays(rows: list[tuple], words: tuple[dict[str, int], ...], leading: int) -> np.ndarray:
    """Rows of the grouped query (`leading` columns before the five, then the count) as
    int32, a column at a time."""
    width = leading + 6
    if not rows:
        return np.empty((0, width), dtype=np.int32)
    columns = [list(column) for column in zip(*rows, strict=True)]
    for i, column in enumerate(CODED):
        vocabulary = words[i]
        columns[leading + column] = [vocabulary.setdefault(v, len(vocabulary)) for v in columns[leading + column]]
    for column in (FACET_INDEX["year"], FACET_INDEX["organisation"]):
        columns[leading + column] = [NONE if v is None else v for v in columns[leading + column]]
    return np.array(columns, dtype=np.int32).T.copy()


# The aggregate last read, per process: a request then reads only the version (one cache
# GET) instead of unpickling the aggregate again.
_memo: dict[str, Aggregate] = {}


def forget() -> None:
    """Drop this process's copy (tests: each starts with an empty database)."""
    _memo.clear()


def changed() -> None:
    """The public library changed: counts are recomputed on the next read after the
    caller's transaction commits (at once outside a transaction). The cached pages that
    show the library go too (xujing_portal.pagecache). The writer's request then computes
    the new counts, so the next visitor's page does not wait for them (about 1 s at
    100,000 documents)."""
    transaction.on_commit(_replace_and_recompute)
    pagecache.changed()


def _replace_and_recompute() -> None:
    """After the writing transaction has committed: a new version, and today's aggregate
    under it. Exact whoever computes it first (this request or a visitor's): it is read
    after the commit, and a later change replaces the version again."""
    _new_version()
    get()


def _shared():
    """The cache every process sees ("shared" in settings; the default cache if not
    configured): Redis in production, files in var/cache/ on the embedded default, so the
    counts the writer or beat computed serve every web process."""
    return caches["shared"] if "shared" in settings.CACHES else cache


def _new_version() -> None:
    _shared().set(VERSION_KEY, uuid.uuid4().hex, None)


def _version() -> str:
    shared = _shared()
    version = shared.get(VERSION_KEY)
    if version is None:
        shared.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = shared.get(VERSION_KEY) or "none"
    return version


def get(today: dt.date | None = None, now: dt.datetime | None = None) -> Aggregate:
    """Today's aggregate of the public documents, computed at most once per change and day."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    key = KEY.format(version=_version(), today=today.isoformat())
    found = _memo.get(key)
    if not _fresh(found, now):
        found = _shared().get(key)
        if not _fresh(found, now):
            found = compute(today, now)
            _shared().set(key, found, TIMEOUT)  # every process reads what one computed
    if _memo.get(key) is not found:
        _memo.clear()
        _memo[key] = found
    return found


AHEAD = dt.timedelta(minutes=10)  # how long before midnight warm() also computes the next day's


def warm(now: dt.datetime | None = None) -> None:
    """Beat, every minute: today's aggregate if it is missing or stale (a scheduled
    publication's time has come), and in the last minutes of the day the next day's,
    so the first visitor after midnight does not pay for it (about 1 s at 100,000).
    The next day's is exact: it is computed for midnight (what is public then, validity
    on that day), and any write before then replaces the version it is kept under."""
    now = now or timezone.now()
    get(now=now)
    today = timezone.localdate(now)
    midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=timezone.get_current_timezone())
    if midnight - now <= AHEAD:
        get(today=today + dt.timedelta(days=1), now=midnight)


def _fresh(found: object, now: dt.datetime) -> bool:
    return isinstance(found, Aggregate) and (found.fresh_until is None or now < found.fresh_until)


def compute(today: dt.date, now: dt.datetime) -> Aggregate:
    """Two grouped queries over the public documents and one for the next scheduled publication."""
    public = PolicyDocument.objects.public(now)
    keyed = public.annotate(year=ExtractYear("written_date"), validity_now=current_validity_expression(today))
    fields = ("doc_type", "topic", "year", "validity_now", "issuing_organisation_id")
    words: tuple[dict[str, int], ...] = tuple({} for _ in CODED)
    with transaction.atomic():
        _enough_memory_to_group()
        documents, tagged = _grouped(keyed, fields, words)
    return Aggregate(
        documents=documents,
        tagged=tagged,
        words=tuple(tuple(column) for column in words),
        fresh_until=_next_change(today, now),
    )


def _enough_memory_to_group() -> None:
    """PostgreSQL: group the tagged rows in memory (about 60,000 groups at 100,000
    documents) rather than in a sort spilled to disk; for this transaction only."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '32MB'")


def _grouped(keyed, fields: tuple[str, ...], words: tuple[dict[str, int], ...]) -> tuple[np.ndarray, np.ndarray]:
    documents = _arrays(list(keyed.values_list(*fields).annotate(n=Count("pk")).values_list(*fields, "n")), words, 0)
    tagged = _arrays(
        list(
            keyed.filter(tags__isnull=False)
            .values_list("tags__id", *fields)
            .annotate(n=Count("pk"))
            .values_list("tags__id", *fields, "n")
            .order_by()
        ),
        words,
        1,
    )
    return documents, tagged


def _next_change(today: dt.date, now: dt.datetime) -> dt.datetime:
    """The next scheduled publication (one read down the (status, published_at) index), or
    midnight if sooner: when the public library next changes without a write."""
    scheduled = PolicyDocument.objects.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(
        next=Min("published_at")
    )["next"]
    midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=timezone.get_current_timezone())
    return min(scheduled, midnight) if scheduled else midnight


def next_change(now: dt.datetime | None = None) -> dt.datetime:
    """When the public library next changes without a write: from the aggregate this process
    holds when it is current, else by one indexed query (not by computing the aggregate: a
    page that shows no counts, such as a document's, need not pay for them)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    found = _memo.get(KEY.format(version=_version(), today=today.isoformat()))
    if _fresh(found, now):
        return found.fresh_until
    return _next_change(today, now)


FACET_MEMO = 64  # filter combinations whose counts a process keeps per aggregate


def facet_counts(aggregate: Aggregate, active: dict, tag_id: int | None) -> tuple[dict[str, Counter], Counter, int]:
    """Counts of every facet option, each facet leaving out its own filter (as the list
    page shows them). `active` maps doc_type/topic/year/validity/organisation (an id) to the
    selected value. Returns (counts per scalar facet and "organisation", counts per tag, total)."""
    memo = aggregate.facet_memo
    memo_key = (tag_id, *sorted(active.items()))
    if memo_key not in memo:
        if len(memo) >= FACET_MEMO:
            memo.clear()
        memo[memo_key] = _facet_counts(aggregate, active, tag_id)
    return memo[memo_key]


def _facet_counts(aggregate: Aggregate, active: dict, tag_id: int | None) -> tuple[dict[str, Counter], Counter, int]:
    wanted = [(FACET_INDEX[name], aggregate.code(FACET_INDEX[name], value)) for name, value in active.items()]
    rows = aggregate.documents if tag_id is None else aggregate.tagged[aggregate.tagged[:, 0] == tag_id, 1:]
    counts: dict[str, Counter] = {}
    for name, column in FACET_INDEX.items():
        # Each facet leaves out its own filter: the rows matching every other one.
        mask = _matching(rows, [(i, code) for i, code in wanted if i != column])
        coded = _sums(rows[mask, column], rows[mask, 5])
        counts[name] = Counter({aggregate.value(column, code): n for code, n in coded.items()})
    total = int(rows[_matching(rows, wanted), 5].sum())
    tagged = aggregate.tagged
    mask = _matching(tagged[:, 1:], wanted)
    return counts, _sums(tagged[mask, 0], tagged[mask, 6]), total


def _matching(rows: np.ndarray, wanted: list[tuple[int, int | None]]) -> np.ndarray:
    """Which rows hold every wanted value (none, if a value is in no row)."""
    mask = np.ones(len(rows), dtype=bool)
    for column, code in wanted:
        if code is None:
            return np.zeros(len(rows), dtype=bool)
        mask &= rows[:, column] == code
    return mask


__all__ = ["Aggregate", "changed", "compute", "facet_counts", "get", "warm"]
