"""Split prose into sentences and words, surviving news text ("U.S.", "Mr.", "Jan.", 3.5, initials)."""

from __future__ import annotations

import re

from seolint.match.casefold import lowers_word_by_word
from seolint.model.document import Sentence

# Abbreviations that end in a full stop without ending the sentence (lower-cased, no dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen lt col capt cmdr sgt maj adm rev hon gov sen rep
    pres supt insp det cllr jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed
    thu fri sat sun inc ltd co corp plc bros no nos vs etc approx est dept univ vol fig al
    e.g i.e a.m p.m""".split()
)
# The last three letters of each abbreviation that has three or more.
_TAILS = frozenset(word[-3:] for word in ABBREVIATIONS if len(word) >= 3)
# Words that, after an acronym such as "U.S.", show that a new sentence has begun.
SENTENCE_STARTERS = frozenset(
    """the a an it he she they we i this that these those but and so yet however in on at for
    there his her their its our mr mrs ms""".split()
)

# _BOUNDARY and (on Python 3.11 and later) _RUN begin with one character class, not a repeat:
# the regex engine then skips ahead to where a match can start instead of trying everywhere.
# A paragraph whose only sentence ends are full stops (most of them) is searched with
# _STOP_BOUNDARY, which begins with one literal character: the engine skips ahead to it more
# than twice as fast as to a character of a class.
# The lookahead's group is the whitespace after the break: the next sentence begins after it.
# A break starts only at the first mark of a run ("..." or "?!"): a later start in the run
# can reach only the ends the first can, so it finds nothing new, and trying every one would
# take time growing with the square of a long run ("Wait" and 40,000 dots).
_BOUNDARY_TAIL = r"[.!?…]*[\"'”’)\]]*(?=(\s+)[\"'“‘(\[]?[A-Z0-9\u00C0-\u024F])"
_BOUNDARY = re.compile(r"[.!?…](?<![.!?…][.!?…])" + _BOUNDARY_TAIL)
_STOP_BOUNDARY = re.compile(r"\.(?<![.!?…]\.)" + _BOUNDARY_TAIL)
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
# Runs of words (``_WORD`` matches) joined by single spaces: a regex match costs far more
# than its characters, and a run is split into its words in one call. Possessive repeats
# (Python 3.11 and later) find the same runs with less work: nothing after them can match.
RUN_POSSESSIVE = r"\w\w*+(?:[-'’.]\w++)*+(?: \w++(?:[-'’.]\w++)*+)*+"
RUN_PLAIN = r"(?:\w+(?:[-'’.]\w+)* ?)+"
# On all-ASCII text (most English news) the run pattern compiled for ASCII finds the same runs
# faster: a Unicode ``\w`` costs a table lookup for every character.
try:
    _RUN = re.compile(RUN_POSSESSIVE)
    _RUN_ASCII = re.compile(RUN_POSSESSIVE.replace("’", ""), re.ASCII)
except re.error:
    _RUN = re.compile(RUN_PLAIN)
    _RUN_ASCII = re.compile(RUN_PLAIN.replace("’", ""), re.ASCII)
# The words of a text without word characters beyond Latin-1 (nearly all news) are found
# without the run pattern (``word_text``): one bytes.translate makes every character but a
# word character, a hyphen or an apostrophe a space; the few full stops between two word
# characters ("3.5", "U.S") are put back; each hyphen or apostrophe not between two word
# characters becomes a space (a regex each: one that begins with a literal character skips
# ahead to it several times as fast as one that begins with a class); and each sentence's part
# is split at the spaces. While the text is bytes, 0x80 (a control character, in no word)
# stands for the curly apostrophe, the one joiner beyond Latin-1.
_CURLY = "\x80"
_WORD_BYTES = bytes(
    code if chr(code).isalnum() or chr(code) in "_-'\x80" else 32 for code in range(256)
)
_INNER_DOT = re.compile(r"\.(?<=\w\.)(?=\w)")
_LONE = r"(?:(?<!\w{0})|(?!\w))"  # after a joiner: it is not between two word characters
_LONE_JOINERS = tuple(re.compile(j + _LONE.format(j)) for j in ("'", "-"))
_LONE_CURLY = re.compile(_CURLY + _LONE.format(_CURLY))
_WIDE_WORD = re.compile(r"[^\W\x00-\xff]")  # a word character beyond Latin-1
_TOKEN_REACH = 64  # characters before a full stop that its token is looked for in
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?(\w+)")
_SPAN = re.Match.span


def words(text: str, start: int, end: int) -> list[str]:
    """Words of ``text[start:end]``: letters and digits, with inner hyphens and apostrophes."""
    piece = text[start:end]
    return _words((_RUN_ASCII if piece.isascii() else _RUN).findall(piece), "_" in piece)


def _words(runs: list[str], underscores: bool) -> list[str]:
    """The words of runs of words (``underscores``: the text has an underscore)."""
    found = " ".join(runs).split()
    return _without_blanks(found) if underscores else found


def _without_blanks(found: list[str]) -> list[str]:
    """Words but runs of underscores (a Markdown rule or a blank to fill in: not words)."""
    return [w for w in found if w[0] != "_" or w.strip("_")]


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the words ``words`` finds, in the same order."""
    spans = list(map(_SPAN, _WORD.finditer(text, start, end)))
    return [(a, b) for a, b in spans if text[a] != "_" or text[a:b].strip("_")]


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    """Decide whether the punctuation at ``dot`` really ends a sentence."""
    if text[dot] != ".":
        return True
    # The token is looked for in the few characters before the dot only: a text of full
    # stops without spaces ("A.\nA.\n..." ) would otherwise be searched back to its start
    # from every one of them. No abbreviation, initial or likely acronym is that long.
    reach = max(0, dot - _TOKEN_REACH)
    space = text.rfind(" ", reach, dot)
    if space == -1:
        space = reach - 1
    word = text[space + 1 : dot]
    if word.isalnum():  # the token is a word and its dot (most full stops): as below, quicker
        return word.lower() not in ABBREVIATIONS and not (len(word) == 1 and word.isupper())
    # The run of non-space characters that ends at the dot (a space, a newline or other
    # whitespace bounds it).
    token = text[space + 1 : dot + 1].split()[-1]
    bare = token.strip("\"'“‘([").rstrip(".")
    if bare.lower() in ABBREVIATIONS:
        return False
    if "." not in bare:  # not an acronym: those have a dot after each letter
        return not (len(bare) == 1 and bare.isupper())  # an initial, as in "J. K. Rowling"
    if _ACRONYM.match(token.strip("\"'“‘([")):
        following = _NEXT_WORD.match(text, after)
        return bool(following and following.group(1).lower() in SENTENCE_STARTERS)
    return True


def word_text(low: str) -> str | None:
    """``low`` (a text in lower case) with each character that is in no word made a space, so
    that ``str.split`` gives the words of any part of it that has spaces at both ends; None
    when it has word characters beyond Latin-1 (``split`` then finds them with a regex)."""
    if _CURLY in low:
        low = low.replace(_CURLY, " ")
    curly = "’" in low
    if curly:
        low = low.replace("’", _CURLY)
    try:
        encoded = low.encode("latin-1")
    except UnicodeEncodeError:
        if _WIDE_WORD.search(low):
            return None
        encoded = low.encode("latin-1", "replace")  # a "?" for each of the others
    kept = bytearray(encoded.translate(_WORD_BYTES))
    dot = _INNER_DOT.search(low)
    while dot:  # (most paragraphs have none: one search, not an iterator)
        kept[dot.start()] = 46  # "."
        dot = _INNER_DOT.search(low, dot.end())
    found = kept.decode("latin-1")
    for lone in _LONE_JOINERS:
        found = lone.sub(" ", found)
    return _LONE_CURLY.sub(" ", found).replace(_CURLY, "’") if curly else found


def split(
    text: str, start: int, end: int, lowered: str | None = None, spaced: str | None = None
) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with their words; sentences without words are left out.
    ``lowered``, if given, is ``text.lower()`` (of the same length); ``spaced``, if given, is
    ``word_text(lowered)``, made once for all the paragraphs of a text."""
    piece = text[start:end]
    ascii = piece.isascii()
    stops_only = "!" not in piece and "?" not in piece and (ascii or "…" not in piece)
    # Where each sentence begins and ends, in turn; a sentence ends where its break does.
    bounds = [start + len(piece) - len(piece.lstrip())]  # str.strip's whitespace is \s
    for match in (_STOP_BOUNDARY if stops_only else _BOUNDARY).finditer(text, start, end):
        dot = match.start()
        stop, following = match.span(1)  # the whitespace after the break
        # A full stop after three letters or digits that do not end an abbreviation ends a
        # sentence, as _ends_sentence decides at a few times the cost (most full stops).
        tail = text[dot - 3 : dot]
        quick = dot >= 3 and tail.isalnum() and text[dot] == "." and tail.lower() not in _TAILS
        if quick or _ends_sentence(text, dot, stop):
            bounds += (stop, following)
    bounds.append(end - len(piece) + len(piece.rstrip()))
    # A sentence break is followed by whitespace, so no word crosses one: the words of each
    # sentence are the words of the block, shared out. They are lower-cased with the text,
    # which keeps every character's place and its kind, but where lower-casing a character
    # depends on its neighbours (a capital sigma) or gives two (a dotted capital I): there each
    # word is lower-cased alone (see seolint.match.casefold), with the run pattern. The word
    # text of the whole text (which is None where a text has those characters) serves a block
    # with whitespace or an end of the text on either side: no joiner in it then has a
    # neighbour outside it.
    offset = 0  # where ``spaced`` begins in the text
    if spaced is None or not _between_spaces(text, start, end):
        spaced, offset = None, start
        if lowers_word_by_word(piece):
            spaced = word_text(piece.lower() if lowered is None else lowered[start:end])
    if spaced is None:
        return _split_runs(text, bounds, lowered, piece)
    underscores = "_" in piece
    sentences: list[Sentence] = []
    ends = iter(bounds)
    for a, b in zip(ends, ends, strict=True):
        found = spaced[a - offset : b - offset].split()
        if underscores:
            found = _without_blanks(found)
        if found:
            sentences.append(Sentence(a, b, found))
    return sentences


def _between_spaces(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has whitespace or an end of the text on either side."""
    return (start == 0 or text[start - 1].isspace()) and (end == len(text) or text[end].isspace())


def _split_runs(text: str, bounds: list[int], lowered: str | None, piece: str) -> list[Sentence]:
    """``split``'s sentences between ``bounds`` (of ``piece``), their words found with the run
    pattern: for the blocks whose words ``word_text`` does not find."""
    whole = lowers_word_by_word(piece)
    findall = (_RUN_ASCII if piece.isascii() else _RUN).findall
    underscores = "_" in piece
    sentences: list[Sentence] = []
    ends = iter(bounds)
    for a, b in zip(ends, ends, strict=True):
        low = text[a:b] if not whole else text[a:b].lower() if lowered is None else lowered[a:b]
        found = _words(findall(low), underscores)
        if found:
            if not whole:
                found = " ".join(found).lower().split(" ")
            sentences.append(Sentence(a, b, found))
    return sentences
