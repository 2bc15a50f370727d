"""The token path as it was before the vectorised one (text.py, indexing.Tokens):
the reference the tests compare the index's tokens with, byte for byte.

Kept as written then, one token at a time in Python. Do not "improve" it: its
only job is to say what the index held, so that a faster path provably stores
the same tokens (search results, highlighting and the Ctrl-F property depend on them).
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Iterable

from search import text as search_text
from search.text import _CJK_CHAR, _CJK_DIGIT_SPACE, _FULL_WIDTH, _RUNS, GAP, MAX_TOKEN_LENGTH, RUN_START


def normalise(text: str) -> str:
    text = (text or "").translate(_FULL_WIDTH)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if " " in text or "\t" in text:
        text = _CJK_DIGIT_SPACE.sub("", text)
    return text.lower()


def token_string(text: str, gap: str = GAP) -> str:
    parts: list[str] = []
    append = parts.append
    for cjk, alnum, _ in _RUNS.findall(text):
        if cjk:
            if len(cjk) > 1:
                append(" ".join(map(operator.add, cjk, cjk[1:])))
            append(cjk[-1])
        elif alnum:
            append(alnum[:MAX_TOKEN_LENGTH])
        elif parts:
            append(gap)
    return " ".join(parts)


def tsvector_items(text: str, start: int = 0, weight: str = "") -> tuple[list[str], int]:
    tokens: list[str] = []
    positions: list[int] = []
    add_tokens, add_positions = tokens.extend, positions.extend
    position = start
    for cjk, alnum, _ in _RUNS.findall(text):
        if cjk:
            size = len(cjk)
            add_tokens(map(operator.add, cjk, cjk[1:]))
            add_positions(range(position + 1, position + size))
            add_tokens((cjk[-1], RUN_START + cjk[0]))
            add_positions((position + size, position + 1))
            position += size
        elif alnum:
            position += 1
            tokens.append(alnum[:MAX_TOKEN_LENGTH])
            positions.append(position)
        elif position > start:
            position += 1
    return grouped_items(tokens, positions, weight), position


def grouped_items(tokens: Iterable[str], positions: Iterable[int], weight: str = "") -> list[str]:
    grouped: dict[str, list[str]] = {}
    get = grouped.get
    for token, position in zip(tokens, positions, strict=True):
        found = get(token)
        if found is None:
            grouped[token] = [str(position)]
        else:
            found.append(str(position))
    separator = weight + ","
    return [f"'{token}':{separator.join(where)}{weight}" for token, where in grouped.items()]


def ranking_words(text: str) -> list[str]:
    return [
        w for w in search_text.segmenter().cut(text, False) if 2 < len(w) <= MAX_TOKEN_LENGTH and _CJK_CHAR.search(w)
    ]


def _word_items(words: list[str], start: int, weight: str = "") -> list[str]:
    kept = [(word, position) for position, word in enumerate(words, start=start + 1)]
    kept = [(word, position) for word, position in kept if "'" not in word and "\\" not in word]
    return grouped_items((w for w, _ in kept), (p for _, p in kept), weight)


def pg_vectors(title: str, body: str) -> tuple[str, str]:
    """indexing.Tokens.of(title, body).pg_vectors() as it was."""
    title_text, body_text = normalise(title), normalise(body)
    title_words = ranking_words(title_text)
    body_words = ranking_words(body_text)
    title_items, end = tsvector_items(title_text, 0, "A")
    title_plain, _ = tsvector_items(title_text)
    body_items, end = tsvector_items(body_text, end + 1)
    words = _word_items(title_words, end + 1, "A")
    body_words_items = _word_items(body_words, end + 1 + len(title_words))
    return " ".join([*title_items, *body_items, *words, *body_words_items]), " ".join(title_plain)


def fts_columns(title: str, body: str) -> tuple[str, str]:
    """indexing.Tokens.of(title, body).fts_columns() as it was."""
    gap = f" {GAP}"
    return token_string(normalise(title)) + gap, token_string(normalise(body)) + gap
