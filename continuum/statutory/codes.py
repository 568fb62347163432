"""The catalogue of statutory code sets: every code set the project uses, defined once.

Import from here (``from continuum.statutory import codes``; ``codes.ETHNICITY.choices()``).
The data lives in one module per return so that each stays readable:
``cin_codes`` (CIN census, with sex and ethnicity shared by the SSDA903), ``ssda903_codes``
(episodes, reviews, missing, social worker changes, SDQ), ``adoption_codes`` and
``care_leaver_codes`` (SSDA903 OC3).
"""

from continuum.statutory.adoption_codes import (
    ADOPTED_BY_FOSTER_CARER,
    LEGAL_STATUS_OF_ADOPTERS,
    NUMBER_OF_ADOPTERS,
    PREVIOUS_PERMANENCE,
    REASON_NO_LONGER_PLACED_FOR_ADOPTION,
    SEX_OF_ADOPTERS,
)
from continuum.statutory.care_leaver_codes import (
    CARE_LEAVER_ACCOMMODATION,
    CARE_LEAVER_ACTIVITY,
    CARE_LEAVER_IN_TOUCH,
)
from continuum.statutory.cin_codes import (
    ASSESSMENT_FACTOR,
    CATEGORY_OF_ABUSE,
    CLOSURE_REASON,
    DISABILITY,
    ETHNICITY,
    PRIMARY_NEED,
    REFERRAL_SOURCE,
    SEX,
    UPN_UNKNOWN,
)
from continuum.statutory.code_set import Code, CodeSet, UnknownCode
from continuum.statutory.ssda903_codes import (
    CATEGORY_OF_NEED,
    LEGAL_STATUS,
    MISSING_TYPE,
    PLACEMENT_PROVIDER,
    PLACEMENT_TYPE,
    REASON_EPISODE_CEASED,
    REASON_NEW_EPISODE,
    REASON_NO_SDQ_SCORE,
    REASON_PLACE_CHANGE,
    REVIEW_PARTICIPATION,
    SOCIAL_WORKER_CHANGE_REASON,
    UPN_UNKNOWN_LOOKED_AFTER,
)

__all__ = [
    "ADOPTED_BY_FOSTER_CARER",
    "ASSESSMENT_FACTOR",
    "CARE_LEAVER_ACCOMMODATION",
    "CARE_LEAVER_ACTIVITY",
    "CARE_LEAVER_IN_TOUCH",
    "CATEGORY_OF_ABUSE",
    "CATEGORY_OF_NEED",
    "CLOSURE_REASON",
    "CODE_SETS",
    "DISABILITY",
    "ETHNICITY",
    "LEGAL_STATUS",
    "LEGAL_STATUS_OF_ADOPTERS",
    "MISSING_TYPE",
    "NUMBER_OF_ADOPTERS",
    "PLACEMENT_PROVIDER",
    "PLACEMENT_TYPE",
    "PREVIOUS_PERMANENCE",
    "PRIMARY_NEED",
    "REASON_EPISODE_CEASED",
    "REASON_NEW_EPISODE",
    "REASON_NO_LONGER_PLACED_FOR_ADOPTION",
    "REASON_NO_SDQ_SCORE",
    "REASON_PLACE_CHANGE",
    "REFERRAL_SOURCE",
    "REVIEW_PARTICIPATION",
    "SEX",
    "SEX_OF_ADOPTERS",
    "SOCIAL_WORKER_CHANGE_REASON",
    "UPN_UNKNOWN",
    "UPN_UNKNOWN_LOOKED_AFTER",
    "Code",
    "CodeSet",
    "UnknownCode",
    "get",
]


def _registry(*code_sets: CodeSet) -> dict[str, CodeSet]:
    registry = {code_set.id: code_set for code_set in code_sets}
    if len(registry) != len(code_sets):
        raise ValueError("Two code sets share an id")
    return registry


CODE_SETS: dict[str, CodeSet] = _registry(
    SEX,
    ETHNICITY,
    DISABILITY,
    UPN_UNKNOWN,
    REFERRAL_SOURCE,
    PRIMARY_NEED,
    CLOSURE_REASON,
    CATEGORY_OF_ABUSE,
    ASSESSMENT_FACTOR,
    LEGAL_STATUS,
    REASON_NEW_EPISODE,
    CATEGORY_OF_NEED,
    UPN_UNKNOWN_LOOKED_AFTER,
    PLACEMENT_TYPE,
    PLACEMENT_PROVIDER,
    REASON_EPISODE_CEASED,
    REASON_PLACE_CHANGE,
    REVIEW_PARTICIPATION,
    MISSING_TYPE,
    REASON_NO_SDQ_SCORE,
    SOCIAL_WORKER_CHANGE_REASON,
    PREVIOUS_PERMANENCE,
    REASON_NO_LONGER_PLACED_FOR_ADOPTION,
    ADOPTED_BY_FOSTER_CARER,
    NUMBER_OF_ADOPTERS,
    SEX_OF_ADOPTERS,
    LEGAL_STATUS_OF_ADOPTERS,
    CARE_LEAVER_IN_TOUCH,
    CARE_LEAVER_ACTIVITY,
    CARE_LEAVER_ACCOMMODATION,
)


def get(id: str) -> CodeSet:
    """The code set with this id; a KeyError names the ids that exist."""
    try:
        return CODE_SETS[id]
    except KeyError:
        raise KeyError(f"No code set {id!r}; known code sets: {', '.join(sorted(CODE_SETS))}") from None
