"""BibTeX field values (LaTeX) as the text a reader sees: accents, dashes, math in Unicode.

pylatexenc (the converter bibtexparser uses) does the work, but it costs about half a
millisecond a value and fails on ``\\href`` in BibTeX; so most values, which hold no LaTeX at
all, never reach it, every distinct value is converted once, link macros become their text
first, and math gets Unicode super- and subscripts ("$O(n^2)$" -> "O(n²)").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalkerError

_CONVERTER = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
_LATEX = re.compile(r"[\\$]")
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_URL = re.compile(r"\\(?:url|path|nolinkurl|doi)\s*\{([^{}]*)\}")
_STYLE = re.compile(
    r"\\(?:texttt|textsc|textsf|textrm|textbf|textit|textsl|textnormal|textup|textmd|mbox|"
    r"emph|em|mathrm|mathit|mathbf|mathsf|mathtt|text|ensuremath|NoCaseChange|MakeUppercase|"
    r"protect)\s*(?=\{)"
)
_DROP = re.compile(r"\\(?:cite[a-z]*|label|ref|footnote)\s*\{[^{}]*\}")
_MATH = re.compile(r"\$\$?((?:[^$\\]|\\.)+)\$\$?")
_ROOT = re.compile(r"√\((\w)\)")  # "√(s)" reads as "√s"
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}]*)\}|(\\?[A-Za-z0-9+\-=()]))")
_SUPER = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ",
        strict=True,
    )
)
_SUB = dict(
    zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)


def _script(match: re.Match[str]) -> str:
    """``^2`` -> ``²`` and ``_{ij}`` -> ``ᵢⱼ`` when every character has a Unicode form."""
    marker, body = match[1], match[2] if match[2] is not None else match[3]
    table = _SUPER if marker == "^" else _SUB
    if body and all(char in table for char in body):
        return "".join(table[char] for char in body)
    return match[0]


def _math(match: re.Match[str]) -> str:
    return "$" + _SCRIPT.sub(_script, match[1]) + "$"


def _fallback(text: str) -> str:
    """What is left when pylatexenc cannot read a value: the words without the markup."""
    text = re.sub(r"\\[A-Za-z]+\s*", "", text)
    return text.replace("{", "").replace("}", "").replace("$", "").replace("\\", "")


@lru_cache(maxsize=65536)
def latex_to_text(value: str) -> str:
    """One line of readable text from a BibTeX value (NFC, single spaces)."""
    text = value
    if _LATEX.search(text):
        text = _HREF.sub(r"\2", text)
        text = _URL.sub(r"\1", text)
        text = _DROP.sub("", text)
        text = _STYLE.sub("", text)
        text = _MATH.sub(_math, text)
        try:
            text = _CONVERTER.latex_to_text(text)
        except (LatexWalkerError, IndexError, KeyError, ValueError, TypeError):
            text = _fallback(text)
    else:
        text = text.replace("---", "—").replace("--", "–").replace("~", " ")
    text = _ROOT.sub(r"√\1", text.replace("{", "").replace("}", ""))
    return " ".join(unicodedata.normalize("NFC", text).split())


@lru_cache(maxsize=65536)
def latex_to_url(value: str) -> str:
    """A URL field: ``\\url{...}`` unwrapped and LaTeX escapes (``\\_``, ``\\%``) undone, but
    nothing else converted (a URL's ``--`` or ``~`` is part of it)."""
    text = _URL.sub(r"\1", value.strip())
    text = re.sub(r"\\([_%&#~$])", r"\1", text)
    return text.replace("{", "").replace("}", "").strip()
