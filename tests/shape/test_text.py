"""Shortening prose at a sentence boundary."""

from __future__ import annotations

from assembler.shape.text import trim_words

TEXT = "Sebastian leads the group. He works on XAI, e.g. on LRP. Dr. Bach is him, too!"


def test_short_text_is_kept() -> None:
    assert trim_words("short", max_words=4, max_chars=99) == "short"
    assert trim_words(TEXT, max_words=99) == TEXT


def test_trimming_ends_with_a_whole_sentence() -> None:
    assert trim_words(TEXT, max_words=5) == "Sebastian leads the group."
    assert (
        trim_words(TEXT, max_words=11) == "Sebastian leads the group. He works on XAI, e.g. on LRP."
    )
    assert (
        trim_words(TEXT, max_chars=60) == "Sebastian leads the group. He works on XAI, e.g. on LRP."
    )


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "He studied (B. Sc. and M. Sc.) at TU Berlin. Then more."
    assert trim_words(text, max_words=10) == "He studied (B. Sc. and M. Sc.) at TU Berlin."


def test_without_a_whole_sentence_the_cut_is_at_a_word() -> None:
    assert trim_words(TEXT, max_words=3) == "Sebastian leads the …"
    assert trim_words("Sebastian leads the group", max_chars=20) == "Sebastian leads …"
