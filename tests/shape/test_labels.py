"""One resolver of headings: rule label, profile labels, language default, readable name."""

from __future__ import annotations

from assembler.shape.labels import labels_for, readable, words


def test_words_per_language(make_profile) -> None:
    assert words("de")["positions"] == "Beruflicher Werdegang"
    assert words("de")["present"] == "heute"
    assert words("xx")["positions"] == "Positions"  # unknown languages fall back to English


def test_heading_resolution_order(make_profile) -> None:
    profile = make_profile(
        "language: de\n"
        "labels: {projects: Drittmittel, talks: Vorträge (Auswahl)}\n"
        "sections:\n"
        "  projects: {label: Grants}\n"
        "  talks: all\n"
        "  awards: all\n"
        "  journal_articles: {from: publications}\n"
    ).profile
    labels = labels_for(profile)
    assert labels["projects"] == "Grants"  # the rule's own label wins
    assert labels["talks"] == "Vorträge (Auswahl)"  # then the profile's labels
    assert labels["awards"] == "Auszeichnungen"  # then the language's default
    assert labels["journal_articles"] == "Journal articles" == readable("journal_articles")
