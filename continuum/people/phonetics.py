"""Phonetic keys for names, so that search tolerates misspellings through an index.

Soundex keeps the first letter and the shape of the consonants: "Smith", "Smyth" and "Smtih"
share S530. Matching then ranks candidates found by key with a fuzzy string score.
"""

import unicodedata

import jellyfish


def fold(name: str) -> str:
    """Lower-case ASCII letters only: "O'Brien-Núñez" -> "obriennunez"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed.lower() if "a" <= ch <= "z")


def name_key(name: str) -> str:
    folded = fold(name)
    return jellyfish.soundex(folded) if folded else ""
