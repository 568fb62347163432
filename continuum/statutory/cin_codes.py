"""Code sets of the DfE children in need (CIN) census, some shared with the SSDA903 return.

Sources: the CIN census XSDs as published by Social Finance (liiatools 0.2.0, schema 2024), the
CIN validator (csc-validator-be-cin 0.1.13, rules for 2025/26) and D2I's SSD CIN export for the
N-numbers. The DfE 2025/26 specification itself was not checked; labels marked "unverified" below
come from practice knowledge and should be checked against it.
"""

from continuum.statutory.code_set import Code, CodeSet, code_set

SEX = code_set(
    "sex",
    "Sex",
    "DfE CIN census N00783 Sex (2024/25 onwards; rule 8750); SSDA903 SEX (2024/25 onwards)",
    [
        ("M", "Male"),
        ("F", "Female"),
        # Rule 8750: an unborn child must be recorded as U.
        ("U", "Unknown or unborn"),
    ],
)

ETHNICITY = code_set(
    "ethnicity",
    "Ethnicity",
    "DfE CIN census N00177; SSDA903 ETHNIC",
    [
        ("WBRI", "White British"),
        ("WIRI", "White Irish"),
        ("WIRT", "Traveller of Irish heritage"),
        ("WOTH", "Any other White background"),
        ("WROM", "Gypsy or Roma"),
        ("MWBC", "White and Black Caribbean"),
        ("MWBA", "White and Black African"),
        ("MWAS", "White and Asian"),
        ("MOTH", "Any other mixed background"),
        ("AIND", "Indian"),
        ("APKN", "Pakistani"),
        ("ABAN", "Bangladeshi"),
        ("AOTH", "Any other Asian background"),
        ("BCRB", "Caribbean"),
        ("BAFR", "African"),
        ("BOTH", "Any other Black background"),
        ("CHNE", "Chinese"),
        ("OOTH", "Any other ethnic group"),
        ("REFU", "Refused"),
        ("NOBT", "Information not yet obtained"),
    ],
)

# Rule 8790: NONE cannot be combined with another code; rule 8794: no code twice for one child.
DISABILITY = code_set(
    "disability",
    "Disability",
    "DfE CIN census N00099 Disability (rules 8790, 8794)",
    [
        ("NONE", "No disability"),
        ("MOB", "Mobility"),
        ("HAND", "Hand function"),
        ("PC", "Personal care"),
        ("INC", "Incontinence"),
        ("COMM", "Communication"),
        ("LD", "Learning"),
        ("HEAR", "Hearing"),
        ("VIS", "Vision"),
        ("BEH", "Behaviour"),
        ("CON", "Consciousness"),
        ("AUT", "Autism or Asperger syndrome"),
        ("DDA", "Other disability"),
    ],
)

# The CIN census has UN1-UN7; the SSDA903 return accepts only UN1-UN5 (903 rule 168), see
# UPN_UNKNOWN_LOOKED_AFTER. UN1-UN5 wording follows the 903 guide as quoted by D2I; UN6 is
# unverified, UN7 comes from CIN rule 8772.
UPN_UNKNOWN = code_set(
    "upn_unknown",
    "Unknown UPN reason",
    "DfE CIN census N00135 UPNunknown (rule 8772); SSDA903 UPN (rule 168, UN1-UN5 only)",
    [
        ("UN1", "Not of school age and not yet given a UPN"),
        ("UN2", "Never attended a maintained school in England"),
        ("UN3", "Educated outside England"),
        ("UN4", "Newly in need or looked after and the UPN is not yet known"),
        ("UN5", "Sources collating UPNs disagree on the child's name or date of birth"),
        ("UN6", "Aged under 6 and not in school (unverified)"),
        ("UN7", "Referral with no further action"),
    ],
)

REFERRAL_SOURCE = code_set(
    "referral_source",
    "Referral source",
    "DfE CIN census N00152 ReferralSource",
    [
        ("1A", "Individual: family member, relative or carer"),
        ("1B", "Individual: acquaintance"),
        ("1C", "Individual: self"),
        ("1D", "Individual: other"),
        ("2A", "Schools"),
        ("2B", "Education services"),
        ("3A", "Health services: GP"),
        ("3B", "Health services: health visitor"),
        ("3C", "Health services: school nurse"),
        ("3D", "Health services: other primary health services"),
        ("3E", "Health services: A&E (emergency department)"),
        ("3F", "Health services: other"),
        ("4", "Housing"),
        ("5A", "Local authority services: social care, for example adult social care"),
        ("5B", "Local authority services: other internal department"),
        ("5C", "Local authority services: external, for example another local authority"),
        ("5D", "Local authority services: early help"),
        ("6", "Police"),
        ("7", "Other legal agency: courts, probation, immigration, CAFCASS or prison"),
        ("8", "Other: children's centres, independent or voluntary agencies"),
        ("9", "Anonymous"),
        ("10", "Unknown"),
    ],
)

# N1-N8 double as the SSDA903 category of need (CATEGORY_OF_NEED); N0 and N9 are CIN census only.
PRIMARY_NEED = code_set(
    "primary_need",
    "Primary need",
    "DfE CIN census N00101 PrimaryNeedCode; N1-N8 also SSDA903 CIN",
    [
        ("N1", "Abuse or neglect"),
        ("N2", "Child's disability"),
        ("N3", "Parental disability or illness"),
        ("N4", "Family in acute stress"),
        ("N5", "Family dysfunction"),
        ("N6", "Socially unacceptable behaviour"),
        ("N7", "Low income"),
        ("N8", "Absent parenting"),
        ("N9", "Cases other than children in need"),
        ("N0", "Not stated"),
    ],
)

# Rules 8805 and 8810: a closed episode needs both the closure date and one of these reasons.
CLOSURE_REASON = code_set(
    "closure_reason",
    "Reason for closure",
    "DfE CIN census N00103 ReasonForClosure",
    [
        ("RC1", "Adopted"),
        ("RC2", "Died"),
        ("RC3", "Child arrangements order"),
        ("RC4", "Special guardianship order"),
        ("RC5", "Transferred to services of another local authority"),
        ("RC6", "Transferred to adult social care services"),
        ("RC7", "Services ceased for any other reason, including the child no longer in need"),
        ("RC8", "Case closed after assessment, no further action"),
        ("RC9", "Case closed after assessment, referred to early help"),
    ],
)

CATEGORY_OF_ABUSE = code_set(
    "category_of_abuse",
    "Category of abuse",
    "DfE CIN census N00113 InitialCategoryOfAbuse and N00114 LatestCategoryOfAbuse",
    [
        ("NEG", "Neglect"),
        ("PHY", "Physical abuse"),
        ("SAB", "Sexual abuse"),
        ("EMO", "Emotional abuse"),
        ("MUL", "Multiple (not recommended)"),
    ],
)


def _by_whom(number: str, factor: str) -> list[Code]:
    # Factors 1-6 are split by whose factor it is: A the child, B a parent or carer, C another
    # person in the household.
    return [
        Code(f"{number}A", f"{factor}: the child"),
        Code(f"{number}B", f"{factor}: parent or carer"),
        Code(f"{number}C", f"{factor}: another person living in the household"),
    ]


ASSESSMENT_FACTOR = CodeSet(
    id="assessment_factor",
    name="Assessment factor",
    source="DfE CIN census N00181 AssessmentFactors (rules 8869, 8945Q, 8950Q)",
    codes=(
        *_by_whom("1", "Alcohol misuse"),
        *_by_whom("2", "Drug misuse"),
        *_by_whom("3", "Domestic abuse"),
        *_by_whom("4", "Mental health"),
        *_by_whom("5", "Learning disability"),
        *_by_whom("6", "Physical disability or illness"),
        Code("7A", "Young carer"),
        # The five private fostering variants: labels unverified against the DfE guide.
        Code("8B", "Privately fostered: overseas child who intends to return (unverified)"),
        Code("8C", "Privately fostered: overseas child who intends to stay (unverified)"),
        Code("8D", "Privately fostered: UK child in an educational placement (unverified)"),
        Code("8E", "Privately fostered: UK child in other family arrangements (unverified)"),
        Code("8F", "Privately fostered: other (unverified)"),
        Code("9A", "Unaccompanied asylum-seeking child"),
        Code("10A", "Going or being missing"),
        Code("11A", "Child sexual exploitation"),
        Code("12A", "Trafficking"),
        Code("13A", "Gangs"),
        Code("14A", "Socially unacceptable behaviour"),
        Code("15A", "Self-harm"),
        Code("16A", "Neglect"),
        Code("17A", "Emotional abuse"),
        # Queries 8945Q and 8950Q fire on 18A and 19A: use the B/C split instead.
        Code("18A", "Physical abuse", retired=True, replaced_by=("18B", "18C")),
        Code("18B", "Physical abuse: child on child"),
        Code("18C", "Physical abuse: adult on child"),
        Code("19A", "Sexual abuse", retired=True, replaced_by=("19B", "19C")),
        Code("19B", "Sexual abuse: child on child"),
        Code("19C", "Sexual abuse: adult on child"),
        Code("20", "Other"),
        # Rule 8869: 21 must be the only factor recorded for the assessment.
        Code("21", "No factors identified"),
        Code("22A", "Female genital mutilation"),
        Code("23A", "Abuse linked to faith or belief"),
        Code("24A", "Child criminal exploitation"),
    ),
)
