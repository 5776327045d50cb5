"""LaTeX values as readable text."""

from __future__ import annotations

import pytest

from assembler.importers.latex import latex_to_text, latex_to_url


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (r"Sparse $\alpha$-divergence", "Sparse α-divergence"),
        (r"Tests in $O(n \log n)$ time", "Tests in O(n log n) time"),
        (r"$\mathcal{L}_2$-regularised", "ℒ₂-regularised"),
        (r"$^{13}${C} labelling reveals {H}$_2${O}", "¹³C labelling reveals H₂O"),
        (r"at $\sqrt{s} = 13$ TeV", "at √s = 13 TeV"),
        (r"See \href{https://x.org}{\texttt{the code}}", "See the code"),
        (r"M{\"u}ller, {\ss}, \c{c}, {\o}, \v{s}, {\'\i}", "Müller, ß, ç, ø, š, í"),
        (r"Streaming inference---a survey, 2010--2020", "Streaming inference—a survey, 2010–2020"),
        (r"50\% \& more~words", "50% & more words"),
        (r"\emph{In vivo} and \textit{ex vivo}", "In vivo and ex vivo"),
        (r"Broken \macro{", "Broken"),
        ("Plain -- text", "Plain – text"),
    ],
)
def test_values_read_as_text(value: str, expected: str) -> None:
    assert latex_to_text(value) == expected


def test_urls_keep_their_characters() -> None:
    assert latex_to_url(r"\url{https://x.org/a\_b--c~d}") == "https://x.org/a_b--c~d"
