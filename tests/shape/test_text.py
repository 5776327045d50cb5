"""Shortening prose at word boundaries."""

from __future__ import annotations

from assembler.shape.text import trim_words


def test_trim_words_and_chars() -> None:
    text = "Sebastian leads the group, works on XAI and more."
    assert trim_words(text, max_words=4) == "Sebastian leads the group …"
    assert trim_words(text, max_chars=21) == "Sebastian leads the …"
    assert trim_words(text, max_chars=20) == "Sebastian leads …"
    assert trim_words("short", max_words=4, max_chars=99) == "short"
