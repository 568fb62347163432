"""Code sets of the DfE SSDA903 children looked after return, as valid for 2025/26.

Sources: the 903 validator (csc-validator-be-903 0.1.17, rules for 2025/26) for which codes are
valid; liiatools' SSDA903 2024 schema; and for meanings Social Finance's sufficiency data
transform and Data to Insight's 903 tools, which quote the DfE guide. The DfE 2025/26 guide
itself was not checked: labels marked "unverified" are inferred and must be checked against it.
Sex and ethnicity are shared with the CIN census (cin_codes).
"""

from continuum.statutory.cin_codes import PRIMARY_NEED, UPN_UNKNOWN
from continuum.statutory.code_set import Code, CodeSet, code_set

LEGAL_STATUS = code_set(
    "legal_status",
    "Legal status",
    "DfE SSDA903 LS",
    [
        ("C1", "Interim care order"),
        ("C2", "Full care order"),
        ("D1", "Freeing order granted"),
        ("E1", "Placement order granted"),
        ("J1", "Remanded to local authority accommodation or youth detention accommodation"),
        ("J2", "Placed in local authority accommodation under PACE 1984, including secure accommodation"),
        ("J3", "Youth rehabilitation order with a residence or intensive fostering requirement"),
        ("L1", "Under police protection and in local authority accommodation"),
        ("L2", "Emergency protection order"),
        ("L3", "Under a child assessment order and in local authority accommodation"),
        ("V2", "Single period of accommodation under section 20"),
        # V3 and V4 children are left out of the published looked-after rate (DfE CLA statistics).
        ("V3", "Agreed series of short-term breaks, individual episodes recorded"),
        ("V4", "Agreed series of short-term breaks, agreements recorded"),
    ],
)
# Children looked after only under an agreed series of short breaks: left out of the count and
# rate of children looked after (DfE CLA statistics).
SHORT_BREAK_LEGAL_STATUSES = ("V3", "V4")

# Each change of legal status or placement starts a new episode; the old one closes with REC X1.
REASON_NEW_EPISODE = code_set(
    "reason_new_episode",
    "Reason for new episode",
    "DfE SSDA903 RNE",
    [
        ("S", "Started to be looked after"),
        ("L", "Change of legal status only"),
        ("P", "Change of placement and carers only"),
        ("T", "Change of placement but same carers"),
        ("U", "Change of legal status and placement, same carers"),
        ("B", "Change of legal status, placement and carers"),
    ],
)

CATEGORY_OF_NEED = CodeSet(
    id="category_of_need",
    name="Category of need",
    source="DfE SSDA903 CIN: the CIN census primary need codes N1-N8 (N0 and N9 are census only)",
    codes=tuple(code for code in PRIMARY_NEED.codes if code.code not in {"N0", "N9"}),
)

# The 903 accepts only UN1-UN5 (903 rule 168); UN6 and UN7 are CIN census only.
UPN_UNKNOWN_LOOKED_AFTER = CodeSet(
    id="upn_unknown_looked_after",
    name="Looked-after unknown UPN reason",
    source="DfE SSDA903 UPN (rule 168)",
    codes=tuple(code for code in UPN_UNKNOWN.codes if code.code in {"UN1", "UN2", "UN3", "UN4", "UN5"}),
)


def _temporary(code: str, label: str) -> Code:
    return Code(code, f"Temporary: {label}")


PLACEMENT_TYPE = CodeSet(
    id="placement_type",
    name="Placement type",
    source="DfE SSDA903 PLACE (codes valid in 2025/26; H5, P2 and Z1 ended in 2024/25)",
    codes=(
        Code("A3", "Placed for adoption with consent (section 19), with current foster carers"),
        Code("A4", "Placed for adoption with consent (section 19), not with current foster carers"),
        Code("A5", "Placed for adoption with a placement order (section 21), with current foster carers"),
        Code("A6", "Placed for adoption with a placement order (section 21), not with current foster carers"),
        Code("K1", "Secure children's home"),
        Code("K2", "Children's home subject to the Children's Homes Regulations"),
        # New in 2025/26; rule 503D maps last year's H5 to K3. Label from D2I's mapping: unverified.
        Code("K3", "Registered supported accommodation (unverified)"),
        Code(
            "H5",
            "Semi-independent living not subject to children's homes regulations",
            retired=True,
            replaced_by=("K3",),
        ),
        Code("P1", "Placed with parents or others with parental responsibility"),
        Code("P2", "Independent living, for example a flat, lodgings or bedsit", retired=True),
        Code("P3", "Residential employment"),
        Code("R1", "Residential care home"),
        Code("R2", "NHS or health trust, or other medical or nursing establishment"),
        Code("R3", "Family centre or mother and baby unit"),
        Code("R5", "Young offender institution"),
        Code("S1", "Residential school, except where dual-registered as a children's home"),
        _temporary("T0", "all types of temporary move"),
        _temporary("T1", "period in hospital"),
        _temporary("T2", "absence on holiday"),
        _temporary("T3", "accommodation while the usual foster carers are on holiday"),
        _temporary("T4", "accommodation of seven days or less for any other reason"),
        Code("U1", "Foster placement with relatives or friends: long-term fostering"),
        Code(
            "U2", "Foster placement with relatives or friends: fostering for adoption or concurrent planning"
        ),
        Code("U3", "Foster placement with relatives or friends: other"),
        Code("U4", "Foster placement with other foster carers: long-term fostering"),
        Code(
            "U5", "Foster placement with other foster carers: fostering for adoption or concurrent planning"
        ),
        Code("U6", "Foster placement with other foster carers: other"),
        Code("Z1", "Other placement", retired=True, replaced_by=("Z11", "Z12", "Z13", "Z14")),
        # Z11-Z14 replace Z1 from 2025/26 with a finer split whose meanings were not found.
        # Rule 709 allows Z12 and Z13 alongside a deprivation of liberty order.
        Code("Z11", "Other placement, type Z11 (meaning unverified)"),
        Code("Z12", "Other placement, type Z12 (meaning unverified)"),
        Code("Z13", "Other placement, type Z13 (meaning unverified)"),
        Code("Z14", "Other placement, type Z14 (meaning unverified)"),
    ),
)

# Rule 178: the provider must be blank for placements T0-T3 and Z11-Z14.
PLACEMENT_PROVIDER = code_set(
    "placement_provider",
    "Placement provider",
    "DfE SSDA903 PLACE_PROVIDER (rule 178)",
    [
        ("PR0", "Parents or others with parental responsibility"),
        ("PR1", "Own local authority provision, including a regional adoption agency it hosts"),
        ("PR2", "Other local authority provision, including a regional adoption agency hosted elsewhere"),
        ("PR3", "Other public provision, for example the NHS"),
        ("PR4", "Private provision"),
        ("PR5", "Voluntary or third sector provision"),
    ],
)

REASON_EPISODE_CEASED = CodeSet(
    id="reason_episode_ceased",
    name="Reason episode ceased",
    source="DfE SSDA903 REC (valid list of the 2025/26 validator)",
    codes=(
        Code("E11", "Adopted: application for an adoption order unopposed"),
        Code("E12", "Adopted: consent dispensed with by the court"),
        Code("E2", "Died"),
        Code("E3", "Care taken over by another local authority in the UK"),
        Code("E4A", "Returned home to parents or others with parental responsibility: part of care planning"),
        Code(
            "E4B",
            "Returned home to parents or others with parental responsibility: not part of care planning",
        ),
        Code("E13", "Left care to live with parents, relatives or others with no parental responsibility"),
        Code("E41", "Residence order or child arrangements order granted"),
        Code("E45", "Special guardianship order to former foster carers who are relatives or friends"),
        Code("E46", "Special guardianship order to former foster carers who are not relatives or friends"),
        Code("E47", "Special guardianship order to other carers who are relatives or friends"),
        Code("E48", "Special guardianship order to other carers who are not relatives or friends"),
        Code("E5", "Moved to independent living with formalised support"),
        Code("E6", "Moved to independent living without formalised support"),
        Code("E7", "Transferred to residential care funded by adult social care"),
        Code("E8", "Ceased to be looked after for any other reason"),
        Code("E9", "Sentenced to custody"),
        Code("E14", "Accommodation on remand ended"),
        Code("E15", "Age assessment found the young person to be 18 or over"),
        Code("E16", "Moved abroad"),
        Code("E17", "Aged 18 or over and stayed with current carers, including staying put"),
        Code("X1", "Episode ceased and a new episode began the same day"),
        # E43 and E44 were split into E45-E48; kept so that older episodes still read.
        Code(
            "E43",
            "Special guardianship order to former foster carers",
            retired=True,
            replaced_by=("E45", "E46"),
        ),
        Code(
            "E44",
            "Special guardianship order to carers other than former foster carers",
            retired=True,
            replaced_by=("E47", "E48"),
        ),
    ),
)

# Required when a placement changes (rule 225), not for temporary placements or open episodes
# (226, 233); a child under 10 cannot be CUSTOD (234).
REASON_PLACE_CHANGE = code_set(
    "reason_place_change",
    "Reason for placement change",
    "DfE SSDA903 REASON_PLACE_CHANGE (rules 225, 226, 233, 234)",
    [
        ("CARPL", "Change to or implementation of the care plan"),
        ("CLOSE", "Resignation of the carer or closure of the provision"),
        ("ALLEG", "Allegation (section 47)"),
        ("STAND", "Concern about standards of care"),
        ("APPRR", "Approval removed"),
        ("CREQB", "Carer asked for the placement to end because of the child's behaviour"),
        ("CREQO", "Carer asked for the placement to end for another reason"),
        ("CHILD", "Child asked for the placement to end"),
        ("LAREQ", "Responsible or area authority asked for the placement to end"),
        ("PLACE", "Change in the status of the placement only"),
        ("CUSTOD", "Custody arrangement"),
        ("OTHER", "Other"),
    ],
)

# Labels as quoted by D2I from the DfE guide; the research notes call them unverified.
REVIEW_PARTICIPATION = code_set(
    "review_participation",
    "Review participation",
    "DfE SSDA903 REVIEW_CODE (rules 440, 441)",
    [
        ("PN0", "Child aged under 4 at the time of the review"),
        ("PN1", "Child attends and speaks for themselves"),
        ("PN2", "Child attends and an advocate speaks for them"),
        ("PN3", "Child attends and conveys their views symbolically (non-verbally)"),
        ("PN4", "Child attends but does not contribute"),
        ("PN5", "Child does not attend but briefs an advocate to speak for them"),
        ("PN6", "Child does not attend but conveys their views another way, such as in writing"),
        ("PN7", "Child does not attend and their views are not conveyed"),
    ],
)

MISSING_TYPE = code_set(
    "missing_type",
    "Missing type",
    "DfE SSDA903 MISSING",
    [
        ("M", "Missing: whereabouts not known"),
        ("A", "Away from placement without authorisation: whereabouts known"),
    ],
)

# Rules 157, 188, 189, 197a/B and 198 say which children need an SDQ score or one of these reasons.
REASON_NO_SDQ_SCORE = code_set(
    "reason_no_sdq_score",
    "Reason for no SDQ score",
    "DfE SSDA903 OC2 SDQ_REASON (rule 196)",
    [
        ("SDQ1", "No form returned: child aged under 4 or over 16 at the latest assessment"),
        ("SDQ2", "Carer refused to complete and return the questionnaire"),
        ("SDQ3", "Not possible to complete because of the severity of the child's disability"),
        ("SDQ4", "Other"),
        ("SDQ5", "Child or young person refused to allow the questionnaire to be completed"),
    ],
)

# Social worker episodes (2023/24 onwards). The research found only the codes; these labels are
# read from the mnemonics and rule SW10b ("first contact"), so all but OTHERS are unverified.
SOCIAL_WORKER_CHANGE_REASON = code_set(
    "social_worker_change_reason",
    "Reason for social worker change",
    "DfE SSDA903 SWEpisodes SW_REASON (rules SW10b, SW13); labels unverified",
    [
        ("FCONTA", "First contact: the child's first social worker (unverified)"),
        ("MANAGE", "Management decision (unverified)"),
        ("LEFTRL", "Social worker left the role (unverified)"),
        ("ORGRST", "Organisational restructure (unverified)"),
        ("TSPROC", "Transfer as part of the case process, for example between teams (unverified)"),
        ("ABSENC", "Social worker absence (unverified)"),
        ("CHCHAN", "Change requested by the child (unverified)"),
        ("PCCHAN", "Change requested by the parent or carer (unverified)"),
        ("SWDIED", "Social worker died (unverified)"),
        ("OTHERS", "Other"),
    ],
)
