"""Text handling shared by indexing and querying: normalisation, tokens, highlights.

Matching works on character bigrams so that a query is found wherever its
characters stand side by side, as Ctrl-F would find it. Every CJK character
occupies one slot: the slot holds the bigram starting at that character, or the
character alone when it ends a run. A run of letters and digits occupies one
slot. Punctuation and spaces leave an empty slot (a gap), so words on both
sides of a full stop are never taken for a phrase. Word segmentation (rjieba
with the domain dictionary) adds whole words for ranking only.
"""

from __future__ import annotations

import functools
import html
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import rjieba
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from documents import numbers

DICTIONARY_PATH = Path(__file__).with_name("dictionary.txt")

# Single characters that only glue a question together (养狗要办 → 养狗).
STOP_CHARACTERS = frozenset(
    "的了吗呢吧啊呀要想能会可我你他她它在去有是和与及或把被给让对从向为到也都还就又再很最哪谁几"
)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<alnum>[^\W_{_CJK}]+)")
# Runs of CJK characters, of letters and digits, and of anything else (a gap).
_RUNS = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)|((?:[^\w]|_)+)")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_RELAX_WORD = re.compile(rf"[{_CJK}]{{2,}}|[^\W_]{{2,}}")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(?:p|div|li|h\d|tr|table|blockquote)>")
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
# Spaces (not line breaks) between a CJK character and a digit, either way round.
_CJK_DIGIT_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[0-9])|(?<=[0-9])[ \t]+(?=[{_CJK}])")

# In the FTS5 token string a gap is this private-use character: unicode61 keeps
# it as a token, and no query can ever contain it (queries keep only letters,
# digits and CJK characters).
GAP = "\ue000"
MAX_TOKEN_LENGTH = 60
# PostgreSQL also stores the first character of every CJK run, marked with this
# prefix, at that run's first position: "2022年" then matches '2022' <-> '^年'
# exactly instead of scanning every lexeme that starts with 年 ('年':*).
RUN_START = "^"
MAX_QUERY_CHARS = 100
# From this many characters, texts take the array path (see "Index side"); shorter ones
# the token-by-token one, as numpy's fixed cost per call is larger than their whole work.
LONG_TEXT = 300
MAX_QUERY_TERMS = 8

# Colloquial fillers dropped when a question is turned into words.
STOPWORDS = frozenset(
    "怎么 怎么办 怎么样 怎样 如何 什么 要办 哪里 哪儿 哪些 哪个 可以 能否 能不能 是否 是不是 请问 我们 我的 你们 "
    "一下 多少 需要 应该 办事 这个 那个 有没有 有关 关于 相关 一些 还是 或者 以及 的话 为什么".split()
)


def normalise(text: str) -> str:
    """NFKC (full-width letters, digits and punctuation become ASCII), lower case,
    and no spaces between a CJK character and a digit (2023 年度 is 2023年度, as
    transcribed text often has it). Indexing and queries both read text through here."""
    text = _full_width_to_ascii(text or "")  # the common case, much faster than NFKC
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if " " in text or "\t" in text:
        text = _CJK_DIGIT_SPACE.sub("", text)
    return text.lower()


def _full_width_to_ascii(text: str) -> str:
    """text.translate(_FULL_WIDTH), on a long text as one array operation."""
    if len(text) < LONG_TEXT or text.isascii():
        return text.translate(_FULL_WIDTH)
    codes = _code_points(text).copy()
    codes[(codes >= 0xFF01) & (codes <= 0xFF5E)] -= 0xFEE0
    codes[codes == 0x3000] = 0x20
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def plain_text(markup: str) -> str:
    """Body HTML as readable text: tags removed, entities decoded, spaces collapsed."""
    text = _BLOCK_END.sub("\n", markup or "")
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines() if line.strip())


# --- Index side ---------------------------------------------------------------
#
# The index side works on whole texts at once with numpy (one array of code
# points per text) instead of one Python object per token: a rebuild spends
# most of its Python time here. search/tests/test_tokens.py compares every
# function with the one-token-at-a-time reference (tests/reference_tokens.py).

_OTHER, _CJK_CLASS, _ALNUM = 0, 1, 2
_ALNUM_CHAR = re.compile(rf"[^\W_{_CJK}]")
_SPACE_CODE, _QUOTE_CODE, _COLON_CODE = ord(" "), ord("'"), ord(":")
_RUN_START_CODE = ord(RUN_START)
# A lexeme as one integer: first code point << 21 | second (0 for a single character);
# runs of letters and digits are numbered from _WORD_KEYS up.
_SECOND = 21
_WORD_KEYS = 1 << (2 * _SECOND)
_INDEX_BITS = 20


def _char_class(char: str) -> int:
    """What _RUNS makes of a character: part of a CJK run, of a letters-and-digits run, or a gap."""
    if _CJK_CHAR.match(char):
        return _CJK_CLASS
    return _ALNUM if _ALNUM_CHAR.match(char) else _OTHER


@functools.cache
def _bmp_classes() -> np.ndarray:
    """_char_class of every code point below 0x10000, read by index."""
    return np.fromiter((_char_class(chr(code)) for code in range(0x10000)), dtype=np.uint8, count=0x10000)


def prepare_index_side() -> None:
    """Load what indexing needs (the character table, the segmenter with its dictionary)."""
    _bmp_classes()
    segmenter()


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _classes(codes: np.ndarray) -> np.ndarray:
    table = _bmp_classes()
    high = codes > 0xFFFF
    if not high.any():
        return table[codes]
    classes = table[np.where(high, 0, codes)]
    for index in np.flatnonzero(high).tolist():
        classes[index] = _char_class(chr(codes[index]))
    return classes


@dataclass(frozen=True)
class _Slots:
    """The slots of a text (see the module docstring), as arrays over its characters."""

    codes: np.ndarray  # code points
    cjk: np.ndarray  # the character is CJK: it has a slot of its own
    pair: np.ndarray  # a CJK character followed by another: its slot holds a bigram
    word_start: np.ndarray  # indexes where a run of letters and digits starts
    word_end: np.ndarray  # and where it ends (kept part, exclusive)
    gap: np.ndarray  # the first character of a gap that takes a slot
    position: np.ndarray  # slot number (from 1) of each character's slot
    slots: int


def _slots(text: str) -> _Slots:
    codes = _code_points(text)
    size = len(codes)
    classes = _classes(codes)
    cjk = classes == _CJK_CLASS
    alnum = classes == _ALNUM
    other = classes == _OTHER
    previous_class = np.empty(size, dtype=np.uint8)
    previous_class[:1] = 255
    previous_class[1:] = classes[:-1]
    pair = np.zeros(size, dtype=bool)
    pair[:-1] = cjk[:-1] & cjk[1:]
    word_starts = alnum & (previous_class != _ALNUM)
    after_end = np.empty(size, dtype=bool)
    after_end[:-1] = ~alnum[1:]
    after_end[-1:] = True
    word_start = np.flatnonzero(word_starts)
    word_end = np.minimum(np.flatnonzero(alnum & after_end) + 1, word_start + MAX_TOKEN_LENGTH)
    # A gap takes a slot once a token stands before it.
    token_before = np.zeros(size, dtype=bool)
    token_before[1:] = np.logical_or.accumulate(~other[:-1])
    gap = other & (previous_class != _OTHER) & token_before
    starts = cjk | word_starts | gap
    position = np.cumsum(starts)
    return _Slots(
        codes=codes,
        cjk=cjk,
        pair=pair,
        word_start=word_start,
        word_end=word_end,
        gap=gap,
        position=position,
        slots=int(position[-1]) if size else 0,
    )


def token_string(text: str, gap: str = GAP) -> str:
    """The slots of already normalised text as one space-separated string."""
    if len(text) < LONG_TEXT:
        return _short_token_string(text, gap)
    found = _slots(text)
    codes, size = found.codes, len(found.codes)
    # Each character writes up to three code points, then the rows are read in order.
    out = np.zeros((size, 3), dtype=np.uint32)
    keep = np.zeros((size, 3), dtype=bool)
    cjk, pair = found.cjk, found.pair
    out[:, 0] = codes
    keep[:, 0] = cjk
    following = np.zeros(size, dtype=np.uint32)
    following[:-1] = codes[1:]
    out[:, 1] = np.where(pair, following, _SPACE_CODE)
    keep[:, 1] = cjk
    out[:, 2] = _SPACE_CODE
    keep[:, 2] = pair
    # Letters and digits: the kept part of each run, a space after it.
    inside = np.zeros(size + 1, dtype=np.int32)
    np.add.at(inside, found.word_start, 1)
    np.add.at(inside, found.word_end, -1)
    keep[:, 0] |= np.cumsum(inside[:-1]) > 0
    keep[found.word_end - 1, 1] = True
    # A gap: the gap character and a space.
    gap_code = ord(gap)
    out[found.gap, 0] = gap_code
    keep[found.gap, 0] = True
    keep[found.gap, 1] = True
    written = out[keep]
    return written[:-1].tobytes().decode("utf-32-le", "surrogatepass") if len(written) else ""


def _short_token_string(text: str, gap: str) -> str:
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


def tsvector_items(text: str, start: int = 0, weight: str = "") -> tuple[str, int]:
    """The slots of already normalised text as PostgreSQL tsvector literal items.

    The same slots as `token_string`, at positions start + 1, start + 2, …;
    a gap takes a position and stores nothing. The first character of each CJK
    run is stored once more as RUN_START + character at the run's first position.
    Each lexeme is one item with all its positions ('养老':3,40), items in the
    order of their first occurrence: PostgreSQL parses that in under half the time
    of one item per occurrence. Returns the items space-separated and the last
    position used, so that the next field can continue after it.
    """
    if len(text) < LONG_TEXT:
        return _short_tsvector_items(text, start, weight)
    found = _slots(text)
    codes, cjk = found.codes, found.cjk
    where = np.flatnonzero(cjk)
    following = np.zeros(len(codes), dtype=np.uint64)
    following[:-1] = codes[1:]
    cjk_keys = (codes[where].astype(np.uint64) << _SECOND) | np.where(found.pair[where], following[where], 0)
    # The first character of each run, marked, comes right after the run's last token.
    run_first = where[np.concatenate(([True], where[1:] != where[:-1] + 1))] if len(where) else where
    run_last = where[np.concatenate((where[1:] != where[:-1] + 1, [True]))] if len(where) else where
    first_keys = (np.uint64(_RUN_START_CODE) << np.uint64(_SECOND)) | codes[run_first].astype(np.uint64)
    words = [text[s:e] for s, e in zip(found.word_start.tolist(), found.word_end.tolist(), strict=True)]
    numbers = {word: number for number, word in enumerate(dict.fromkeys(words))}
    word_keys = np.fromiter(map(numbers.__getitem__, words), dtype=np.uint64, count=len(words))
    keys = np.concatenate((cjk_keys, first_keys, word_keys + np.uint64(_WORD_KEYS)))
    order = np.concatenate((2 * where, 2 * run_last + 1, 2 * found.word_start))
    positions = np.concatenate((found.position[where], found.position[run_first], found.position[found.word_start]))
    return _literal(keys, positions + start, order, weight, list(numbers)), start + found.slots


def _short_tsvector_items(text: str, start: int, weight: str) -> tuple[str, int]:
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


def grouped_items(tokens: Iterable[str], positions: Iterable[int], weight: str = "") -> str:
    """tsvector literal items, one per lexeme with its positions (tokens hold no quote), space-separated."""
    grouped: dict[str, list[str]] = {}
    get = grouped.get
    for token, position in zip(tokens, positions, strict=True):
        found = get(token)
        if found is None:
            grouped[token] = [str(position)]
        else:
            found.append(str(position))
    separator = weight + ","
    return " ".join(f"'{token}':{separator.join(where)}{weight}" for token, where in grouped.items())


def _literal(keys: np.ndarray, positions: np.ndarray, order: np.ndarray, weight: str, words: list[str]) -> str:
    """The tsvector literal of tokens given as integer keys (see _SECOND; a key from
    _WORD_KEYS up is words[key - _WORD_KEYS]) at `positions`, `order` ranking the
    tokens in text order: one item per lexeme with its positions in order, lexemes in
    the order of their first occurrence ('养老':3,40 '老':4), written as one array of
    code points. The tokens of a lexeme must come in text order already."""
    count = len(keys)
    if not count:
        return ""
    # Tokens grouped by lexeme, each group in text order: one sort of key and index
    # together (keys are below 2 ** 43), faster than a stable argsort ...
    if count < 1 << _INDEX_BITS:
        combined = np.sort((keys << np.uint64(_INDEX_BITS)) | np.arange(count, dtype=np.uint64))
        by_key = (combined & np.uint64((1 << _INDEX_BITS) - 1)).astype(np.intp)
        sorted_keys = combined >> np.uint64(_INDEX_BITS)
    else:
        by_key = np.argsort(keys, kind="stable")
        sorted_keys = keys[by_key]
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    lengths = np.diff(np.append(starts, count))
    # ... and the groups in the order of their first token.
    groups = np.argsort(order[by_key[starts]], kind="stable")
    lengths = lengths[groups]
    new_starts = np.cumsum(lengths) - lengths
    tokens = by_key[np.arange(count) + np.repeat(starts[groups] - new_starts, lengths)]
    lexemes = sorted_keys[starts][groups]
    where = positions[tokens].astype(np.int64)
    digits = len(str(int(where.max())))
    width = 6 + digits + (1 if weight else 0)
    out = np.zeros((count, width), dtype=np.uint32)
    keep = np.zeros((count, width), dtype=bool)
    # Each lexeme's first token: " '养老':"; each other token: ",".
    out[:, 0] = ord(",")
    keep[:, 0] = True
    out[new_starts, 0] = _SPACE_CODE
    keep[0, 0] = False
    word = lexemes >= _WORD_KEYS
    second = (lexemes & np.uint64((1 << _SECOND) - 1)).astype(np.uint32)
    first_char = np.where(word, 0, lexemes >> np.uint64(_SECOND)).astype(np.uint32)  # NUL: a word, put in below
    for column, codes in ((1, _QUOTE_CODE), (2, first_char), (3, second), (4, _QUOTE_CODE), (5, _COLON_CODE)):
        out[new_starts, column] = codes
        keep[new_starts, column] = True
    keep[new_starts, 3] = ~word & (second != 0)
    # The position in decimal, then the weight.
    for place in range(digits):
        power = 10 ** (digits - 1 - place)
        out[:, 6 + place] = where // power % 10 + ord("0")
        keep[:, 6 + place] = (where >= power) | (place == digits - 1)
    if weight:
        out[:, -1] = ord(weight)
        keep[:, -1] = True
    literal = out[keep].tobytes().decode("utf-32-le", "surrogatepass")
    if not word.any():
        return literal
    parts = literal.split("\0")
    named = [words[key - _WORD_KEYS] for key in lexemes[word].tolist()]
    return parts[0] + "".join(map(operator.add, named, parts[1:]))


def starts_a_run(token: str) -> bool:
    """A single CJK character: as the last item of a phrase after letters, digits
    or punctuation, it stands at the start of a run in any matching text."""
    return len(token) == 1 and _CJK_CHAR.match(token) is not None


def has_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None


def slots(text: str) -> list[str | None]:
    """Tokens slot by slot for already normalised text; None marks a gap."""
    return [None if token == GAP else token for token in token_string(text).split()]


@functools.cache
def segmenter() -> rjieba.Jieba:
    """rjieba with the domain dictionary loaded (once per process)."""
    jieba = rjieba.Jieba()
    for word in dictionary_words():
        add_word(jieba, word)
    return jieba


def dictionary_words(path: Path = DICTIONARY_PATH) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.lstrip().startswith("#")]


def add_word(jieba: rjieba.Jieba, word: str) -> None:
    """Keep `word` whole: a frequency high enough that the segmenter prefers it."""
    jieba.add_word(word, max(jieba.suggest_freq(word), 1000), None)


def words(text: str) -> list[str]:
    """Words of at least two characters that contain a CJK character, in order."""
    return [w for w in segmenter().cut(text, False) if len(w) > 1 and _CJK_CHAR.search(w)]


def ranking_words(text: str) -> list[str]:
    """Whole words of three or more characters: two-character words are bigrams already.

    A long text is cut a sentence at a time, each sentence's words remembered: the
    segmenter cuts at every character that is not a CJK character, letter or digit
    (。 is one), so the words are the same, and documents repeat many sentences.
    """
    if len(text) < LONG_TEXT:
        return list(_sentence_ranking_words(text))
    return list(itertools.chain.from_iterable(map(_cached_ranking_words, text.split("。"))))


def _sentence_ranking_words(sentence: str) -> tuple[str, ...]:
    cut = segmenter().cut(sentence, False)
    return tuple(w for w in cut if 2 < len(w) <= MAX_TOKEN_LENGTH and _CJK_CHAR.search(w))


# At most a few MB per process (a sentence averages about 35 characters).
_cached_ranking_words = functools.lru_cache(maxsize=20_000)(_sentence_ranking_words)


# --- Query side ---------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """One term of the query: tokens that must stand in these slots, in order.

    `items` holds (token, prefix) pairs; a None token is a gap (punctuation).
    """

    text: str
    items: tuple[tuple[str | None, bool], ...]
    # Other ways of saying the same (synonyms.txt): the phrase matches where any of them stands.
    alternatives: tuple[Phrase, ...] = ()

    @property
    def parts(self) -> list[str]:
        """The pieces a highlighter looks for (the phrase split at punctuation)."""
        return [m.group() for m in re.finditer(rf"[{_CJK}\w]+", self.text) if m.group().strip("_")]

    @property
    def variants(self) -> tuple[Phrase, ...]:
        """The phrase as typed, then its alternatives."""
        return (replace(self, alternatives=()), *self.alternatives)

    def exact(self) -> Phrase:
        return replace(self, alternatives=())


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    text: str  # normalised, cut to MAX_QUERY_CHARS
    phrases: tuple[Phrase, ...]
    truncated: bool = False
    number: numbers.DocumentNumber | None = None
    number_prefix: str = ""
    # Only a serial (32号文): documents whose number ends 〔year〕 + this come first.
    number_suffix: str = ""
    relaxed: bool = False  # built from words of the query rather than as typed
    any_word: bool = False  # a result needs only one of the phrases
    words: tuple[str, ...] = field(default=())
    # A document number standing among other characters (关于徐府发〔2023〕32号的解读):
    # the backend picks the candidate that is a document's number (see with_number).
    number_in_text: NumberInText | None = None

    @property
    def is_empty(self) -> bool:
        return not self.phrases

    @property
    def expansions(self) -> list[str]:
        """What was searched besides the words as typed (synonyms.txt)."""
        return list(dict.fromkeys(a.text for p in self.phrases for a in p.alternatives))

    def unexpanded(self) -> ParsedQuery:
        """The query without its synonyms: its matches rank first."""
        return replace(self, phrases=tuple(p.exact() for p in self.phrases))

    @property
    def number_key(self) -> str:
        """The canonical document number of the query, when it is or holds one."""
        return str(self.number) if self.number is not None else ""

    def relax(self, *, any_word: bool = False, split: bool = False) -> ParsedQuery | None:
        """The query as separate words, for a question that matched nothing as typed.

        All words must occur, or with `any_word` at least one. With `split`, the
        domain dictionary's words are cut into their parts as well (12345热线 →
        12345 + 热线), so that a dictionary word never blocks the retry. None when
        that would be the same query again.
        """
        found = list(dict.fromkeys(_content_words(self.text, split=split)))[:MAX_QUERY_TERMS]
        phrases = tuple(p for p in (expanded_phrase(w, open_end=False) for w in found) if p is not None)
        if not phrases or (not any_word and set(phrases) == set(self.phrases)) or (any_word and len(phrases) < 2):
            return None
        return ParsedQuery(
            raw=self.raw,
            text=self.text,
            phrases=phrases,
            truncated=self.truncated,
            relaxed=True,
            any_word=any_word,
            words=self.words,
        )


def _content_words(text: str, *, split: bool = False) -> list[str]:
    """Words of a question without fillers; single characters standing together
    (养 狗, which the segmenter does not know as a word) are kept as one word.
    With `split`, words of the domain dictionary are cut as if it did not exist."""
    if split:
        return [part for word in _content_words(text) for part in _split_word(word)]
    out: list[str] = []
    singles = ""
    for word in [*query_segmenter().cut(text, False), " "]:
        if len(word) == 1 and _CJK_CHAR.match(word) and word not in STOP_CHARACTERS:
            singles += word
            continue
        if len(singles) > 1:
            out.append(singles)
        singles = ""
        if _RELAX_WORD.fullmatch(word) and word not in STOPWORDS:
            out.append(word)
    return out


@functools.cache
def query_segmenter() -> rjieba.Jieba:
    """The segmenter with the synonym list's words kept whole too (公租房申请条件 →
    公租房 申请 条件), for reading queries; the index keeps `segmenter`."""
    jieba = rjieba.Jieba()
    for word in [*dictionary_words(), *synonym_words()]:
        add_word(jieba, word)
    return jieba


def _split_word(word: str) -> list[str]:
    """A domain-dictionary word as the plain segmenter cuts it (创业补贴 → 创业, 补贴);
    other words, and words that would lose all their parts, stay whole."""
    if word not in _dictionary_set():
        return [word]
    parts = [p for p in plain_segmenter().cut(word, False) if _RELAX_WORD.fullmatch(p) and p not in STOPWORDS]
    return parts or [word]


@functools.cache
def _dictionary_set() -> frozenset[str]:
    return frozenset(dictionary_words())


@functools.cache
def plain_segmenter() -> rjieba.Jieba:
    """rjieba without the domain dictionary."""
    return rjieba.Jieba()


@dataclass(frozen=True)
class NumberInText:
    """A document number found inside a longer query.

    Which of the characters before the year belong to the agency (关于徐府发 →
    徐府发?) cannot be told from the text: `candidates` are the canonical numbers
    for every tail of them, longest first, and `rest` is the query without the number.
    """

    candidates: tuple[str, ...]
    rest: str


# 〔year〕serial号 after the agency's characters, anywhere in normalised text (（） are () by then).
_EMBEDDED_NUMBER = re.compile(
    rf"(?P<agency>[{_CJK}a-z]{{1,20}})\s*(?:[〔\[(【]\s*(?P<year>\d{{4}})\s*[〕\])】]|(?P<year2>\d{{4}})\s*年)"
    r"\s*(?:第\s*)?(?P<serial>\d{1,5})\s*号"
)
MIN_AGENCY_CHARS = 2

# A serial alone, as people say it: 32号文, 第32号文件.
_SERIAL_ONLY = re.compile(r"^第?\s*(\d{1,5})\s*号\s*(?:文件?|发文)?$")
_NUMBER_PREFIX = re.compile(r"^([\u4e00-\u9fff]{1,9}[发规函字令])\s*[〔\[（(【]?\s*(\d{4})\s*[〕\]）)】年]?$")


def parse_query(raw: str) -> ParsedQuery:
    """Turn what the user typed into phrases (whitespace separates terms)."""
    raw = (raw or "").replace("\x00", "")
    text = normalise(raw).strip()
    truncated = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS]
    number = _as_document_number(text) or _as_document_number(text + "号")
    number_prefix = number_suffix = ""
    terms = text.split()
    if serial := _SERIAL_ONLY.match(text):
        # 32号文: every document numbered 32 (of any agency and year) first.
        terms = [f"{int(serial.group(1))}号"]
        number_suffix = f"〕{int(serial.group(1))}号"
    elif number is not None:
        # Search the canonical form, so every way of writing it finds the same documents.
        terms = [normalise(str(number))]
        number_prefix = str(number)
    elif prefix := _NUMBER_PREFIX.match(text):
        # 机关代字 and year without a serial: every number of that agency and year.
        terms = [prefix.group(1), prefix.group(2)]
        number_prefix = f"{prefix.group(1)}〔{prefix.group(2)}〕"
    make = phrase if number_prefix or number_suffix else expanded_phrase
    phrases = tuple(dict.fromkeys(p for p in (make(t) for t in terms) if p is not None))[:MAX_QUERY_TERMS]
    return ParsedQuery(
        raw=raw,
        text=text,
        phrases=phrases,
        truncated=truncated,
        number=number,
        number_prefix=number_prefix,
        number_suffix=number_suffix,
        words=tuple(dict.fromkeys(w for t in terms for w in ranking_words(t)))[:MAX_QUERY_TERMS],
        number_in_text=_number_in_text(text),
    )


def with_number(query: ParsedQuery, number: str) -> ParsedQuery:
    """`query` as the document number `number` (one of its number_in_text candidates)
    and the other words typed around it, fillers left out: 关于徐府发〔2023〕32号的解读
    becomes 徐府发〔2023〕32号 + 解读. Search puts the document with that number first."""
    found = query.number_in_text
    rest = _content_words(found.rest) if found else []
    terms = list(dict.fromkeys([normalise(number), *rest]))
    phrases = tuple(dict.fromkeys(p for p in (phrase(t) for t in terms) if p is not None))[:MAX_QUERY_TERMS]
    return replace(
        query,
        phrases=phrases,
        number=numbers.parse(number),
        number_prefix=number,
        words=tuple(dict.fromkeys(w for t in terms for w in ranking_words(t)))[:MAX_QUERY_TERMS],
        number_in_text=None,
    )


def _number_in_text(text: str) -> NumberInText | None:
    match = _EMBEDDED_NUMBER.search(text)
    if match is None:
        return None
    agency, year, serial = match["agency"], int(match["year"] or match["year2"]), int(match["serial"])
    if not 1949 <= year <= 2100 or serial < 1:
        return None
    tails = [agency[start:] for start in range(len(agency) - MIN_AGENCY_CHARS + 1)] or [agency]
    rest = f"{text[: match.start()]} {text[match.end() :]}".strip()
    return NumberInText(candidates=tuple(f"{tail}〔{year}〕{serial}号" for tail in tails), rest=rest)


def _as_document_number(text: str) -> numbers.DocumentNumber | None:
    """The document number `text` is (徐府发〔2023〕32号; 号文 or 号文件 may follow)."""
    text = re.sub(r"号\s*文件?$", "号", text)
    if not re.search(r"\d号$", text):
        return None
    try:
        return numbers.parse(text)
    except ValueError:
        return None


def phrase(term: str, *, open_end: bool = True) -> Phrase | None:
    """The slots a term must occupy; None when it has no letters, digits or CJK.

    A last run of letters or digits is a prefix (hp finds hpv) unless not
    `open_end`: a word taken out of a question (20 of 20个工作日) matches whole."""
    items: list[tuple[str | None, bool]] = []
    runs = list(_RUN.finditer(term))
    end = 0
    for index, match in enumerate(runs):
        if match.start() != end and items:
            items.append((None, False))
        end = match.end()
        run, last = match.group(), index == len(runs) - 1
        if match.lastgroup == "cjk":
            items.extend((run[i : i + 2], False) for i in range(len(run) - 1))
            if not last:
                # Text continues with letters, digits or punctuation: this run ends here too.
                items.append((run[-1], False))
            elif len(run) == 1:
                items.append((run, True))
        else:
            items.append((run[:MAX_TOKEN_LENGTH], last and open_end))
    if not items:
        return None
    return Phrase(text=term, items=tuple(items))


# --- Synonyms -----------------------------------------------------------------

SYNONYMS_PATH = Path(__file__).with_name("synonyms.txt")
MAX_ALTERNATIVES = 4


@dataclass(frozen=True)
class Synonyms:
    """synonyms.txt read: `groups` of words that mean the same (each found inside
    a longer term too), and `one_way` words that, typed as a whole term, also search others."""

    groups: tuple[tuple[str, ...], ...]
    one_way: dict[str, tuple[str, ...]]

    def alternatives(self, term: str) -> list[str]:
        """Other terms to search besides `term`; never one whose matches all match `term` already."""
        out: list[str] = list(self.one_way.get(term, ()))
        for group in self.groups:
            for word in sorted(group, key=len, reverse=True):
                if word in term:
                    out += [term.replace(word, other) for other in group if other != word]
                    break
        return [alt for alt in dict.fromkeys(out) if term not in alt][:MAX_ALTERNATIVES]


def read_synonyms(path: Path = SYNONYMS_PATH) -> Synonyms:
    groups: list[tuple[str, ...]] = []
    one_way: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=>" in line:
            left, right = line.split("=>", 1)
            for word in left.split():
                one_way[normalise(word)] = tuple(normalise(w) for w in right.split())
        else:
            groups.append(tuple(normalise(w) for w in line.split()))
    return Synonyms(groups=tuple(groups), one_way=one_way)


@functools.cache
def synonyms() -> Synonyms:
    return read_synonyms()


def synonym_words() -> list[str]:
    found = synonyms()
    words = [w for group in found.groups for w in group]
    words += [w for key, values in found.one_way.items() for w in (key, *values)]
    return list(dict.fromkeys(w for w in words if _CJK_CHAR.search(w)))


def expanded_phrase(term: str, *, open_end: bool = True) -> Phrase | None:
    """`phrase(term)` with the synonym list's alternatives for it."""
    found = phrase(term, open_end=open_end)
    if found is None:
        return None
    alternatives = tuple(
        p for p in (phrase(alt, open_end=open_end) for alt in synonyms().alternatives(term)) if p is not None
    )
    return replace(found, alternatives=tuple(p for p in dict.fromkeys(alternatives) if p != found))


# --- Highlighting -------------------------------------------------------------


def _normalised_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Normalised text and, for each of its characters, the index in `text`."""
    translated = text.translate(_FULL_WIDTH)
    if unicodedata.is_normalized("NFKC", translated):
        lowered = translated.lower()
        if len(lowered) == len(text):  # the common case: character for character
            return lowered, range(len(text))
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        norm = ch if ch.isascii() and not ch.isupper() else unicodedata.normalize("NFKC", ch).lower()
        chars.append(norm)
        where.extend([i] * len(norm))
    return "".join(chars), where


def phrase_pattern(found: Phrase) -> str:
    """A regular expression for where `found` (one variant) matches in normalised text,
    as the index matches it: its pieces in order with only punctuation or spaces
    between them (a document number 徐府发〔2023〕32号 as one span), letters and
    digits only as whole runs (20 never marks the 20 of 2023), except a last run
    the query leaves open (a prefix)."""
    pieces = found.parts
    if not pieces:
        return ""
    pattern = r"[\W_]*".join(_piece_pattern(piece) for piece in pieces)
    if not _CJK_CHAR.match(pieces[0][0]):
        pattern = rf"(?<![^\W_{_CJK}])" + pattern
    if not _CJK_CHAR.match(pieces[-1][-1]) and not found.items[-1][1]:
        pattern += rf"(?![^\W_{_CJK}])"
    return pattern


def _piece_pattern(piece: str) -> str:
    """A piece of a phrase, spaces allowed where a CJK character and a digit meet (see normalise)."""
    out = []
    for before, char in zip(" " + piece, piece, strict=False):
        if (before.isdigit() and _CJK_CHAR.match(char)) or (char.isdigit() and _CJK_CHAR.match(before)):
            out.append("[ \t]*")
        out.append(re.escape(char))
    return "".join(out)


def query_patterns(query: ParsedQuery) -> list[str]:
    """What the highlighter marks for `query`: each phrase, each of its variants."""
    return [pattern for p in query.phrases for v in p.variants if (pattern := phrase_pattern(v))]


def find_spans(text: str, needles: Iterable[str], *, patterns: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans in `text` where any normalised needle
    occurs, or any of the regular expressions `patterns` matches."""
    alternatives = [re.escape(n) for n in sorted({n for n in needles if n}, key=len, reverse=True)]
    alternatives += sorted(set(patterns), key=len, reverse=True)
    if not alternatives or not text:
        return []
    norm, where = _normalised_with_map(text)
    pattern = re.compile("|".join(alternatives))
    spans = []
    for match in pattern.finditer(norm):
        if match.end() == match.start():
            continue
        start, end = where[match.start()], where[match.end() - 1] + 1
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def highlight(text: str, needles: Iterable[str] = (), *, patterns: Iterable[str] = ()) -> SafeString:
    """`text` escaped, with every occurrence of the needles (or patterns) wrapped in <mark>."""
    return _render(text, find_spans(text, needles, patterns=patterns))


def snippet(text: str, needles: Iterable[str] = (), width: int = 120, *, patterns: Iterable[str] = ()) -> SafeString:
    """A window of `text` around the first match, matches highlighted."""
    spans = find_spans(text, needles, patterns=patterns)
    if not spans:
        cut = text[:width]
        return mark_safe(escape(cut) + ("…" if len(text) > width else ""))  # noqa: S308 - escaped above
    first = spans[0][0]
    start = max(0, min(first - width // 4, len(text) - width))
    end = min(len(text), start + width)
    inner = [(max(s, start) - start, min(e, end) - start) for s, e in spans if e > start and s < end]
    body = _render(text[start:end], inner)
    return mark_safe(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))  # noqa: S308


def _render(text: str, spans: list[tuple[int, int]]) -> SafeString:
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped
