"""SSDA903 OC3 code sets: care leavers around their 17th to 21st birthdays.

Sources: the 2025/26 903 validator valid lists (rules 131-133) and D2I's 903 tools for meanings.
"""

from continuum.statutory.code_set import Code, CodeSet, code_set

# Code 0 is shared by activity and accommodation: the authority cannot say, because it is not in
# touch, the young person died, or they have lived with their parents for 6 months or more (344).
_NOT_KNOWN = "Not known: not in touch, died, or returned home for 6 months or more"

CARE_LEAVER_IN_TOUCH = code_set(
    "care_leaver_in_touch",
    "Care leaver in touch",
    "DfE SSDA903 OC3 IN_TOUCH (rule 131)",
    [
        ("YES", "Yes, in touch"),
        ("NO", "No, not in touch"),
        ("DIED", "Died since leaving care"),
        ("REFU", "Young person refuses contact"),
        ("NREQ", "Young person no longer needs services"),
        ("RHOM", "Returned to live with parents for 6 months or more"),
    ],
)

CARE_LEAVER_ACTIVITY = CodeSet(
    id="care_leaver_activity",
    name="Care leaver activity",
    source="DfE SSDA903 OC3 ACTIV (valid list of the 2025/26 validator, rule 132)",
    codes=(
        Code("F1", "Full-time in higher education"),
        Code("P1", "Part-time in higher education"),
        Code("F2", "Full-time in education other than higher education"),
        Code("P2", "Part-time in education other than higher education"),
        Code("F4", "Full-time apprenticeship"),
        Code("P4", "Part-time apprenticeship"),
        Code("F5", "Full-time training or employment, not an apprenticeship"),
        Code("P5", "Part-time training or employment, not an apprenticeship"),
        Code("G4", "Not in education, employment or training: illness or disability"),
        Code("G5", "Not in education, employment or training: other circumstances"),
        Code("G6", "Not in education, employment or training: pregnancy or parenting"),
        Code("0", _NOT_KNOWN),
        # Older years' training or employment codes, split into F4/F5 and P4/P5; not valid in 2025/26.
        Code("F3", "Full-time training or employment", retired=True, replaced_by=("F4", "F5")),
        Code("P3", "Part-time training or employment", retired=True, replaced_by=("P4", "P5")),
    ),
)

_ACCOMMODATION_TYPES = (
    ("B", "With parents or relatives"),
    ("C", "Community home or other residential care, such as an NHS establishment"),
    ("D", "Semi-independent or transitional accommodation"),
    ("E", "Supported lodgings"),
    ("G", "Gone abroad"),
    ("H", "Deported"),
    ("K", "Ordinary lodgings without formal support"),
    ("R", "Residence not known"),
    ("S", "No fixed abode or homeless"),
    ("T", "Foyer or similar accommodation with education, training or employment"),
    ("U", "Independent living, such as their own tenancy"),
    ("V", "Emergency accommodation, such as a night shelter"),
    ("W", "Bed and breakfast"),
    ("X", "In custody"),
    ("Y", "Other accommodation"),
    ("Z", "With former foster carers"),
)

# The 2025/26 valid list has no S1 or X1: homelessness and custody are never "suitable".
_NEVER_SUITABLE = {"S", "X"}


def _accommodation_codes() -> tuple[Code, ...]:
    # The second character records suitability: 1 suitable, 2 not suitable (research notes:
    # unverified against the DfE guide, but it matches the 2025/26 valid list).
    codes = []
    for letter, label in _ACCOMMODATION_TYPES:
        if letter not in _NEVER_SUITABLE:
            codes.append(Code(f"{letter}1", f"{label}: suitable"))
        codes.append(Code(f"{letter}2", f"{label}: not suitable"))
    return (*codes, Code("0", _NOT_KNOWN))


# Rule 3001: not Z (former foster carers) around the 17th birthday.
CARE_LEAVER_ACCOMMODATION = CodeSet(
    id="care_leaver_accommodation",
    name="Care leaver accommodation",
    source="DfE SSDA903 OC3 ACCOM (valid list of the 2025/26 validator, rules 133, 3001)",
    codes=_accommodation_codes(),
)

# Activities that count as "in education, employment or training" (the DfE's care leaver EET
# measure): every full-time and part-time code. The G codes are not, and 0 is not known.
IN_EDUCATION_EMPLOYMENT_OR_TRAINING = frozenset(
    code.code for code in CARE_LEAVER_ACTIVITY if code.code[0] in "FP" and not code.retired
)
# Accommodation judged suitable: the codes whose second character is 1.
SUITABLE_ACCOMMODATION = frozenset(code.code for code in CARE_LEAVER_ACCOMMODATION if code.code.endswith("1"))
