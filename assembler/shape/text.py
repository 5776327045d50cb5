"""Shortening prose (the bio, descriptions, notes) for documents with little room."""

from __future__ import annotations


def trim_words(text: str, max_words: int | None = None, max_chars: int | None = None) -> str:
    """Shorten at a word boundary and mark the cut with an ellipsis."""
    result = text
    if max_words is not None:
        words = result.split()
        if len(words) > max_words:
            result = " ".join(words[:max_words]).rstrip(",;:.") + " …"
    if max_chars is not None and len(result) > max_chars:
        room = max(max_chars - 2, 0)  # leave space for " …"
        cut = result[:room]
        if result[room : room + 1] not in (" ", "") and " " in cut:
            cut = cut[: cut.rfind(" ")]  # do not end inside a word
        result = cut.rstrip(",;:.") + " …"
    return result
