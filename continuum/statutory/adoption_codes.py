"""SSDA903 code sets about permanence: previous permanence, adoption decisions and adopters.

Sources as for ssda903_codes: the 2025/26 903 validator for which codes are valid, and D2I's 903
tools for meanings. Labels marked "unverified" are inferred from validator rule messages.
"""

from continuum.statutory.code_set import code_set

# Required for every child who starts to be looked after in the year; Z1 when none (rule 630).
PREVIOUS_PERMANENCE = code_set(
    "previous_permanence",
    "Previous permanence option",
    "DfE SSDA903 PREV_PERM (rules 630, 631); labels from D2I's 903 tools (unverified)",
    [
        ("P1", "Adoption"),
        ("P2", "Special guardianship order"),
        ("P3", "Residence order or child arrangements order saying with whom the child lives"),
        ("P4", "Unknown"),
        ("Z1", "No previous permanence option"),
    ],
)

REASON_NO_LONGER_PLACED_FOR_ADOPTION = code_set(
    "reason_no_longer_placed_for_adoption",
    "Adoption reversal reason",
    "DfE SSDA903 REASON_PLACED_CEASED (rule 120); labels unverified",
    [
        ("RD1", "The child's needs changed after the decision (unverified)"),
        ("RD2", "The court did not make a placement order (unverified)"),
        ("RD3", "Prospective adopters could not be found (unverified)"),
        ("RD4", "Any other reason (unverified)"),
    ],
)

# AD1: whether the child was adopted by their foster carers.
ADOPTED_BY_FOSTER_CARER = code_set(
    "adopted_by_foster_carer",
    "Foster carer adoption",
    "DfE SSDA903 AD1 FOSTER_CARE",
    [
        ("0", "Not adopted by their foster carers"),
        ("1", "Adopted by their foster carers"),
    ],
)

NUMBER_OF_ADOPTERS = code_set(
    "number_of_adopters",
    "Number of adopters",
    "DfE SSDA903 AD1 NB_ADOPTR (rule 175)",
    [
        ("1", "One adopter"),
        ("2", "Two adopters (a couple)"),
    ],
)

# Rule 511: two adopters must be MM, FF or MF.
SEX_OF_ADOPTERS = code_set(
    "sex_of_adopters",
    "Sex of adopters",
    "DfE SSDA903 AD1 SEX_ADOPTR (rules 176, 511)",
    [
        ("M1", "Single male adopter"),
        ("F1", "Single female adopter"),
        ("MM", "Couple, both male"),
        ("FF", "Couple, both female"),
        ("MF", "Couple, male and female"),
    ],
)

# Meanings inferred from the consistency rules: 514 (single adopter), 517 (L3 must be MF),
# 518 (L4 must be MM or FF), 519 (civil partners), 520 (L11 different-sex married couple),
# 524 (L12 must be MM or FF). Which rule names L0 and L2 is inferred, so both are unverified.
LEGAL_STATUS_OF_ADOPTERS = code_set(
    "legal_status_of_adopters",
    "Legal status of adopters",
    "DfE SSDA903 AD1 LS_ADOPTR (rules 177, 514-524); labels inferred",
    [
        ("L0", "Single adopter (unverified)"),
        ("L11", "Married couple of different sexes"),
        ("L12", "Married couple of the same sex"),
        ("L2", "Civil partners (unverified)"),
        ("L3", "Unmarried couple of different sexes (unverified)"),
        ("L4", "Unmarried couple of the same sex (unverified)"),
    ],
)
