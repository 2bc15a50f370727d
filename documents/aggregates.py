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

Only anonymous (public) reads use it; a signed-in reader may see targeted documents,
whose lists are computed from the database as before.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Count, Min
from django.db.models.functions import ExtractYear
from django.utils import timezone

from xujing_portal import pagecache

from .models import PolicyDocument, Status
from .validity import current_validity_expression

VERSION_KEY = "documents:aggregate:version"
KEY = "documents:aggregate:2:{version}:{today}"  # 2: the layout of Aggregate
TIMEOUT = 26 * 3600  # a day's key is not read after that day

# A row: (doc_type, topic, year written, reader's validity today, issuing organisation id).
Row = tuple[str, str, "int | None", str, "int | None"]


@dataclass(frozen=True)
class Aggregate:
    documents: dict[Row, int]
    tagged: dict[tuple[int, Row], int]  # (tag id, row) -> documents with that tag
    fresh_until: dt.datetime | None  # the next scheduled publication: recompute after it
    # Facet counts already worked out in this process (facet_counts), not pickled.
    facet_memo: dict = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "facet_memo": {}}

    def tag_counts(self) -> Counter:
        counts: Counter = Counter()
        for (tag_id, _), n in self.tagged.items():
            counts[tag_id] += n
        return counts


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
    """The cache every process sees ("shared" in settings; the default cache if not configured)."""
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
        found = cache.get(key)
        if not _fresh(found, now):
            found = compute(today, now)
            cache.set(key, found, TIMEOUT)
    if _memo.get(key) is not found:
        _memo.clear()
        _memo[key] = found
    return found


def _fresh(found: object, now: dt.datetime) -> bool:
    return isinstance(found, Aggregate) and (found.fresh_until is None or now < found.fresh_until)


def compute(today: dt.date, now: dt.datetime) -> Aggregate:
    """Two grouped queries over the public documents and one for the next scheduled publication."""
    public = PolicyDocument.objects.public(now)
    keyed = public.annotate(year=ExtractYear("written_date"), validity_now=current_validity_expression(today))
    fields = ("doc_type", "topic", "year", "validity_now", "issuing_organisation_id")
    documents = {
        tuple(row[:5]): row[5] for row in keyed.values_list(*fields).annotate(n=Count("pk")).values_list(*fields, "n")
    }
    tagged = {
        (row[0], tuple(row[1:6])): row[6]
        for row in keyed.filter(tags__isnull=False)
        .values_list("tags__id", *fields)
        .annotate(n=Count("pk"))
        .values_list("tags__id", *fields, "n")
        .order_by()
    }
    return Aggregate(documents=documents, tagged=tagged, fresh_until=_next_change(today, now))


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


FACET_INDEX = {"doc_type": 0, "topic": 1, "year": 2, "validity": 3, "organisation": 4}


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
    wanted = [(FACET_INDEX[name], value) for name, value in active.items()]
    if tag_id is None:
        base = aggregate.documents.items()
    else:
        base = [(row, n) for (tid, row), n in aggregate.tagged.items() if tid == tag_id]
    counts: dict[str, Counter] = {name: Counter() for name in FACET_INDEX}
    names = list(FACET_INDEX.items())
    total = 0
    for row, n in base:
        misses = [i for i, value in wanted if row[i] != value]
        if not misses:
            total += n
            for name, i in names:
                counts[name][row[i]] += n
        elif len(misses) == 1:
            # Only the facet that missed counts this row: its own filter is left out.
            for name, i in names:
                if i == misses[0]:
                    counts[name][row[i]] += n
    tags: Counter = Counter()
    for (tid, row), n in aggregate.tagged.items():
        if all(row[i] == value for i, value in wanted):
            tags[tid] += n
    return counts, tags, total


__all__ = ["Aggregate", "changed", "compute", "facet_counts", "get"]
