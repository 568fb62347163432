"""The ways partner agencies get a name wrong or different: the reason search must be fuzzy.

Spelling variants (Mohammed/Muhammad), keying slips (swapped, dropped or doubled letters),
given and family names swapped (common where naming order differs from the English form), a
middle name taken as the first name, and accents dropped by systems that cannot store them.
"""

from __future__ import annotations

import random
import unicodedata

from .name_lists import PREFERRED_FORMS, SPELLING_VARIANTS


def without_accents(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def keying_slip(rng: random.Random, name: str) -> str:
    """A typing slip that keeps the first letter, as most misspellings of a heard name do."""
    if len(name) < 4:
        return name + name[-1]
    position = rng.randrange(1, len(name) - 1)
    slip = rng.choice(("swap", "drop", "double"))
    if slip == "swap":
        return name[:position] + name[position + 1] + name[position] + name[position + 2 :]
    if slip == "drop":
        return name[:position] + name[position + 1 :]
    return name[:position] + name[position] + name[position:]


def partner_variant(rng: random.Random, given: str, middle: str, family: str) -> tuple[str, str]:
    """How another agency might have recorded this name; always differs from the name given."""
    choices: list[tuple[str, str]] = []
    if without_accents(given + family) != given + family:
        choices += [(without_accents(given), without_accents(family))] * 3
    if given in SPELLING_VARIANTS:
        choices += [(rng.choice(SPELLING_VARIANTS[given]), family)] * 3
    if family in SPELLING_VARIANTS:
        choices += [(given, rng.choice(SPELLING_VARIANTS[family]))] * 2
    if middle:
        choices.append((middle.split()[0], family))
    choices += [(keying_slip(rng, given), family), (given, keying_slip(rng, family)), (family, given)]
    different = [choice for choice in choices if choice != (given, family)]
    return rng.choice(different) if different else (given + "e", family)


def preferred_form(given: str, middle: str) -> str | None:
    """The name someone goes by, when it is not their first name: Alex, or Hamza for Muhammad Hamza."""
    if given == "Muhammad" and middle:
        return middle.split()[0]
    return PREFERRED_FORMS.get(given)
