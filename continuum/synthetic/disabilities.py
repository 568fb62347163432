"""Children's disabilities, as DfE codes (CIN census N00099).

About one child in nine in England is disabled (Family Resources Survey); a disabled child often
has more than one kind of impairment. Each child's codes come from a generator of its own, seeded
by the child's planned details, so adding this did not move any other random draw of the
partnership (its figures are calibrated to the seeds').
"""

from __future__ import annotations

import random
import zlib

from .plans import PlannedPerson

DISABLED_SHARE = 0.11
SECOND_IMPAIRMENT_SHARE = 0.3
# How often each kind of impairment is recorded for a disabled child (weights, not shares).
IMPAIRMENTS = (
    ("LD", 22), ("BEH", 18), ("COMM", 16), ("AUT", 16), ("MOB", 7), ("HAND", 3), ("PC", 3),
    ("INC", 3), ("HEAR", 3), ("VIS", 3), ("CON", 2), ("DDA", 5),
)  # fmt: skip


def disabilities_for(planned: PlannedPerson) -> list[str]:
    """ "NONE" or the child's impairments; nothing for adults and unborn children (not recorded)."""
    if planned.kind != "child":
        return []
    key = f"{planned.given_name}|{planned.family_name}|{planned.date_of_birth}|{planned.nhs_number}"
    rng = random.Random(zlib.crc32(key.encode()))
    if rng.random() >= DISABLED_SHARE:
        return ["NONE"]
    codes, weights = zip(*IMPAIRMENTS, strict=True)
    first = rng.choices(codes, weights)[0]
    if rng.random() >= SECOND_IMPAIRMENT_SHARE:
        return [first]
    second = rng.choices([code for code in codes if code != first])[0]
    return [first, second]
