"""Path converters for the portal's URLs, registered on import (each urls.py imports this).

``<id:pk>``: a row id, 1 to 18 digits. Every id the database can hold (a BigAutoField
goes to 2**63 - 1, 19 digits) that the portal will ever hand out fits, and a longer
number is no URL at all (404) instead of an integer that overflows the query (a 500 on
SQLite). ``<year:year>``: four digits.
"""

from __future__ import annotations

from django.urls import register_converter

MAX_ID = 10**18 - 1  # the largest id <id:…> matches; filters taking an id bound it the same


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter(IdConverter):
    regex = "[0-9]{4}"


register_converter(IdConverter, "id")
register_converter(YearConverter, "year")
