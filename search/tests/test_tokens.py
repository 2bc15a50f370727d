"""The index's tokens are the same, byte for byte, as the reference path's
(tests/reference_tokens.py): on the demo's documents, the labelled set's,
synthetic ones and awkward strings."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command

from documents import synthetic
from documents.models import PolicyDocument
from documents.search_sync import public_document_batches
from search import indexing, quality
from search import text as search_text

from . import reference_tokens as reference

AWKWARD = [
    "",
    " ",
    "。",
    "，，居家养老。",
    "居家养老。12345热线",
    "老",
    "a",
    "2023 年度报告",
    "徐府发〔２０２３〕３２号",
    "ＡＢＣ１２３，（２０２３）",
    "x" * 130 + "中文" + "9" * 61,
    "hpv疫苗 hp 20个工作日",
    "ｶﾀｶﾅ・ひらがな한국어",
    "emoji😀中文𠀀𠀁字",
    "tab\t2023\t年",
    "_下划线_abc_123_",
    "é café Ünïcode ß",
    "line\nbreak\r\n中文\u3000全角空格",
    "’quote’ 'single' \\backslash\\ 中'文",
    "居家养老居家养老居家养老",
]


def _documents() -> list[tuple[str, str]]:
    """(title, text) pairs: the labelled set's documents and the demo's policy texts."""
    labelled, _ = quality.load()
    pairs = [(f"{d['title']} {d['number']}", d["body"]) for d in labelled]
    pairs += [(q.q, " ".join(q.expect)) for q in quality.load_colloquial()]
    return pairs


def _random_texts(count: int, seed: int, longest: int = 80) -> list[str]:
    chance = random.Random(seed)
    alphabet = "居家养老服务补贴申请条件。，、：；“”（）《》〔〕号2023年ab Z_-\n\t全角１２３ＡＢ😀𠀀'\\"
    return ["".join(chance.choice(alphabet) for _ in range(chance.randint(0, longest))) for _ in range(count)]


# Short texts take the token-by-token path, long ones (text.LONG_TEXT) the array path.
LONG = ["".join(AWKWARD) * 12, "\n".join(AWKWARD[::-1]) * 9, "居家养老。" * 100, "9" * 400 + "中" * 400]


@pytest.mark.parametrize("raw", AWKWARD + LONG + _random_texts(200, seed=19) + _random_texts(60, seed=20, longest=3000))
def test_awkward_text_gives_the_reference_tokens(raw):
    norm = search_text.normalise(raw)
    assert norm == reference.normalise(raw)
    assert search_text.token_string(norm) == reference.token_string(norm)
    for start, weight in ((0, ""), (0, "A"), (7, "")):
        items, end = reference.tsvector_items(norm, start, weight)
        assert search_text.tsvector_items(norm, start, weight) == (" ".join(items), end)
    assert search_text.ranking_words(norm) == reference.ranking_words(norm)
    assert indexing.Tokens.of(raw, raw).pg_vectors() == reference.pg_vectors(raw, raw)
    assert indexing.Tokens.of(raw, raw).fts_columns() == reference.fts_columns(raw, raw)


def test_real_documents_give_the_reference_tokens():
    pairs = _documents()
    assert len(pairs) > 60
    assert indexing.stored_tokens("postgresql", pairs) == [reference.pg_vectors(t, b) for t, b in pairs]
    assert indexing.stored_tokens("sqlite", pairs) == [reference.fts_columns(t, b) for t, b in pairs]


@pytest.mark.django_db
def test_demo_and_synthetic_documents_give_the_reference_tokens():
    call_command("load_demo", stdout=io.StringIO())
    demo = PolicyDocument.objects.count()
    synthetic.generate(150, seed=20230606)
    pairs = [indexing.entry_fields(entry) for batch in public_document_batches() for entry, _ in batch]
    assert demo >= 10 and len(pairs) >= 150 + 20
    assert indexing.stored_tokens("postgresql", pairs) == [reference.pg_vectors(t, b) for t, b in pairs]
    assert indexing.stored_tokens("sqlite", pairs) == [reference.fts_columns(t, b) for t, b in pairs]
