"""The import format for a year's arrangement (放假和调休安排).

One line per holiday period or make-up working day, as the State Council's
notice lists them::

    # 2027年部分节假日安排（以国务院办公厅通知为准）
    2027-01-01 元旦 休
    2027-02-06..2027-02-12 春节 休
    2027-02-14 春节 班

``日期`` or ``起始日期..截止日期`` (inclusive), the holiday's name, then ``休``
(day off) or ``班`` (make-up working day), optionally followed by a note.
Blank lines and lines starting with ``#`` are ignored. Every other day of the
year follows the default: Monday to Friday working, weekends off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

MAX_RANGE_DAYS = 31
KINDS = {"休": "holiday", "班": "workday"}


@dataclass(frozen=True)
class ArrangementDay:
    date: dt.date
    kind: str  # CalendarEntry.Kind value
    name: str
    note: str
    line_number: int


def _parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _parse_line(line: str, year: int) -> list[tuple[dt.date, str, str, str]]:
    """The days of one line, or ValueError with a Chinese reason."""
    parts = line.split(maxsplit=3)
    if len(parts) < 3:
        raise ValueError("格式应为“日期（或 起始日期..截止日期） 名称 休/班”")
    when, name, mark = parts[0], parts[1], parts[2]
    note = parts[3] if len(parts) > 3 else ""
    if mark not in KINDS:
        raise ValueError(f"第三项应为“休”或“班”，而不是“{mark}”")
    first_text, sep, last_text = when.partition("..")
    try:
        first = _parse_date(first_text)
        last = _parse_date(last_text) if sep else first
    except ValueError:
        raise ValueError(f"日期“{when}”无效，应写成 2027-02-06 或 2027-02-06..2027-02-12") from None
    if last < first:
        raise ValueError("截止日期早于起始日期")
    if first.year != year or last.year != year:
        raise ValueError(f"日期不在{year}年内")
    if (last - first).days >= MAX_RANGE_DAYS:
        raise ValueError(f"一个时段不能超过{MAX_RANGE_DAYS}天")
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    if mark == "班":
        weekdays = [d for d in days if d.weekday() < 5]
        if weekdays:
            raise ValueError(f"调休上班日应为周六或周日，{weekdays[0]:%Y-%m-%d}是工作日")
    return [(d, KINDS[mark], name, note) for d in days]


def parse_arrangement(text: str, year: int) -> list[ArrangementDay]:
    """All days of the arrangement, or one ValidationError listing every bad
    line (malformed, outside the year, or overlapping another line)."""
    errors: list[str] = []
    seen: dict[dt.date, int] = {}
    days: list[ArrangementDay] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            parsed = _parse_line(line, year)
        except ValueError as exc:
            errors.append(f"第{number}行“{line}”：{exc}。")
            continue
        overlaps = sorted({seen[d] for d, *_ in parsed if d in seen})
        if overlaps:
            others = "、".join(f"第{n}行" for n in overlaps)
            errors.append(f"第{number}行“{line}”：与{others}的日期重叠。")
            continue
        for d, kind, name, note in parsed:
            seen[d] = number
            days.append(ArrangementDay(d, kind, name, note, number))
    if errors:
        raise ValidationError(
            ["导入失败，未做任何修改。请改正以下各行后重新导入："] + errors, code="invalid_arrangement"
        )
    if not days:
        raise ValidationError(f"没有读到任何日期。请按格式逐行填写{year}年的放假和调休安排。", code="empty_arrangement")
    return sorted(days, key=lambda day: day.date)
