from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str


def scan(text: str, *, sensitive_words: list[str] | None = None) -> list[Finding]:
    return []


def mask(text: str, *, sensitive_words: list[str] | None = None) -> str:
    return text
