"""An event as an iCalendar file (RFC 5545), written by hand: CRLF line ends, TEXT values
escaped (backslash, semicolon, comma, newline), lines folded at 75 octets, times in UTC."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Event

PRODID = "-//Xujing Town Government//Events//ZH"


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_calendar(event: Event, *, base_url: str, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    url = base_url.rstrip("/") + event.get_absolute_url()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    description = "\n".join(
        p for p in [event.summary, event.accessibility_notes and f"无障碍说明：{event.accessibility_notes}", url] if p
    )
    for session in event.sessions.all():
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.pk}-session-{session.pk}@xujing.gov.cn",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(session.starts_at())}",
            f"DTEND:{_utc(session.ends_at())}",
            f"SUMMARY:{escape_text(event.title)}",
            f"LOCATION:{escape_text(event.venue)}",
            f"DESCRIPTION:{escape_text(description)}",
            'ORGANIZER;CN="' + event.organiser.name.replace('"', "") + '":mailto:noreply@xujing.gov.cn',
            f"URL:{url}",
            f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
