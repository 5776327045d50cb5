"""Shortening prose (the bio, descriptions, notes) for documents with little room.

A shortened text ends at the end of a sentence, so a document never stops mid-thought ("…the
first wave of XAI such …"). Only when not even the first sentence fits is it cut at a word
boundary and marked with an ellipsis.
"""

from __future__ import annotations

import re

# The end of a sentence: . ! ? (or an ellipsis) followed by the end of the text, or by space
# and a capital, digit or opening quote; not after a single capital ("A. Binder") or a common
# abbreviation ("Dr.", "e.g."). "B. Sc. and M. Sc." has no sentence end.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\bDr)(?<!\bProf)(?<!\bvs)(?<!\bca)"
    r"[.!?…][)\]\"”’]?(?=$|\s+[A-ZÀ-Þ0-9“„\"‘(])"
)


def _whole_sentences(text: str, limit: int) -> str:
    """The longest run of whole sentences not longer than ``limit`` characters, or ""."""
    best = ""
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end > limit:
            break
        best = text[:end]
    return best


def _word_cut(text: str, limit: int) -> str:
    room = max(limit - 2, 0)  # leave space for " …"
    cut = text[:room]
    if text[room : room + 1] not in (" ", "") and " " in cut:
        cut = cut[: cut.rfind(" ")]  # do not end inside a word
    return cut.rstrip(" ,;:.") + " …"


def trim_words(text: str, max_words: int | None = None, max_chars: int | None = None) -> str:
    """At most ``max_words`` words and ``max_chars`` characters, ending with a sentence."""
    word_limit = len(text)
    if max_words is not None:
        words = list(re.finditer(r"\S+", text))
        if len(words) > max_words:
            word_limit = words[max_words - 1].end()
    char_limit = max_chars if max_chars is not None else len(text)
    limit = min(word_limit, char_limit)
    if limit >= len(text):
        return text
    sentences = _whole_sentences(text, limit)
    if sentences:
        return sentences
    if word_limit <= char_limit - 2:  # whole words fit with room for the ellipsis
        return text[:word_limit].rstrip(" ,;:.") + " …"
    return _word_cut(text, char_limit)
