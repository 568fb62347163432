"""What the synthetic journeys aim at: the seeds' figures, and the proportions chosen to reach them.

`TARGETS` are the partnership's own published figures (DOMAIN.md, "Calibration": Bradford's
2019/20 annual report and its 2020/21 report), each with the document it comes from and the
indicator of the catalogue (`continuum.insight.catalogue`) that counts it: the figures are the
catalogue's, for the same definitions everywhere. The proportions below them are the
generator's: some are read straight from a target (92% of referrals go on to further action),
the rest are our choices, tuned so that the generated 2019/20 lands within 5% of the targets
(`python -m bench.calibration` prints both side by side).
docs/synthetic.md ("Journeys") lists them with their sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SEEDS_2019_20 = "Bradford Safeguarding Children Partnership annual report 2019/20 (seeds 000)"
SEEDS_2020_21 = "Bradford Safeguarding Children Partnership annual report 2020/21 (seeds 002)"

# The 0-17 population the seeds' rates imply (9,934 referrals at 705 per 10,000).
BRADFORD_CHILDREN = 141_000

# The year the generator is calibrated on, by its first year (2019 for 2019/20).
CALIBRATED_YEAR = 2019
TOLERANCE = 0.05  # relative: every calibrated figure within 5% of the seeds'


@dataclass(frozen=True)
class Target:
    """A published figure, the catalogue indicator that counts it, and the year it is for."""

    key: str
    indicator: str  # the id in `continuum.insight.catalogue`
    label: str
    value: float
    unit: str  # "count", "per cent" or "per 10,000"
    source: str
    year: int = CALIBRATED_YEAR  # the financial year, by its first year
    # Tuned to within `TOLERANCE` (python -m bench.calibration marks any outside it); the rest
    # are printed next to the figure for reference.
    calibrated: bool = True

    def scaled(self, children: int) -> float:
        """The figure for an area of `children` 0-17s: counts scale, per cents and rates do not."""
        if self.unit == "count":
            return self.value * children / BRADFORD_CHILDREN
        return self.value


def _target(
    key: str,
    indicator: str,
    label: str,
    value: float,
    unit: str = "count",
    year: int = CALIBRATED_YEAR,
    *,
    calibrated: bool = True,
) -> Target:
    source = SEEDS_2019_20 if year == CALIBRATED_YEAR else SEEDS_2020_21
    return Target(key, indicator, label, value, unit, source, year, calibrated)


TARGETS: tuple[Target, ...] = (
    _target("contacts", "contacts", "Contacts", 32_038),
    _target("referrals", "referrals", "Referrals", 9_934),
    _target("referral_rate", "referral_rate_per_10k", "Referrals per 10,000 children", 705, "per 10,000"),
    _target(
        "further_action",
        "referrals_further_action_pct",
        "Referrals going on to further action",
        92,
        "per cent",
    ),
    _target("re_referrals", "re_referrals_pct", "Re-referrals within 12 months", 21, "per cent"),
    _target("assessments", "assessments_completed", "Assessments completed", 13_982),
    # The seeds say "within 45 working days of referral date"; their 75% is the DfE's measure,
    # from the assessment's start (the catalogue's assessments_within_45wd_of_referral_pct is
    # about 50% here: fresh assessments during a plan start months after the referral).
    _target(
        "assessments_in_time",
        "assessments_within_45wd_pct",
        "Assessments completed within 45 working days",
        75,
        "per cent",
    ),
    _target("section_47", "s47_enquiries", "Section 47 enquiries", 4_257),
    _target(
        "section_47_rate", "s47_rate_per_10k", "Section 47 enquiries per 10,000 children", 300, "per 10,000"
    ),
    _target(
        "section_47_to_icpc",
        "s47_to_icpc_pct",
        "Section 47 enquiries leading to an initial conference",
        31,
        "per cent",
    ),
    _target("icpc_children", "icpc_children", "Children at initial conferences", 1_324),
    # The seeds' own rate ("a rate of 89 per 10,000 compared to 83 for SN"), although 1,324 in
    # the 141,000 children of their other rates would be 94.
    _target("icpc_rate", "icpc_rate_per_10k", "Children at initial conferences per 10,000", 89, "per 10,000"),
    _target("cp_plans", "cp_plans_at_end", "Children on a plan at 31 March", 953),
    _target("cp_rate", "cp_plan_rate_per_10k", "Children on a plan per 10,000 at 31 March", 67, "per 10,000"),
    _target("children_in_need", "cin_at_end", "Children in need at 31 March", 5_315),
    _target("looked_after", "cla_at_end", "Children looked after at 31 March", 1_244),
    _target(
        "looked_after_rate",
        "cla_rate_per_10k",
        "Children looked after per 10,000 at 31 March",
        87,
        "per 10,000",
    ),
    _target("missing", "children_missing", "Children missing from home or care", 847, calibrated=False),
    # The catalogue has no "missing from care" indicator: the seeds' 255 sets the generator's share.
    _target(
        "missing_from_care", "children_missing_from_care", "Children missing from care", 255, calibrated=False
    ),
    _target(
        "cp_plans_2021",
        "cp_plans_at_end",
        "Children on a plan at 31 March 2021",
        858,
        year=2020,
        calibrated=False,
    ),
    _target(
        "cp_1_to_2_years",
        "cp_plans_open_1_2yrs",
        "Of them, on a plan for 1 to 2 years",
        189,
        year=2020,
        calibrated=False,
    ),
    _target(
        "cp_over_2_years",
        "cp_plans_open_2yrs_plus",
        "Of them, on a plan for 2 years or more",
        16,
        year=2020,
        calibrated=False,
    ),
    _target(
        "care_leavers",
        "care_leavers_supported",
        "Care leavers supported at 31 March 2021",
        579,
        year=2020,
        calibrated=False,
    ),
    _target(
        "care_leavers_in_touch",
        "care_leavers_in_touch_pct",
        "Care leavers in touch",
        99.3,
        "per cent",
        2020,
        calibrated=False,
    ),
    _target(
        "care_leavers_eet",
        "care_leavers_eet_pct",
        "Care leavers in education, employment or training",
        66.6,
        "per cent",
        2020,
        calibrated=False,
    ),
    _target(
        "care_leavers_suitable",
        "care_leavers_suitable_accommodation_pct",
        "Care leavers in suitable accommodation",
        91,
        "per cent",
        2020,
        calibrated=False,
    ),
    _target(
        "care_leavers_pathway",
        "care_leavers_pathway_plan_pct",
        "Care leavers with a pathway plan",
        94.5,
        "per cent",
        2020,
        calibrated=False,
    ),
)
TARGET_BY_KEY = {target.key: target for target in TARGETS}
assert len(TARGET_BY_KEY) == len(TARGETS), "target keys must be unique"

# When the journeys begin. They are simulated from BURN_IN_FROM so that on 1 April 2016 the area
# already has children on plans and in care, as a real one would; journeys that had closed
# before JOURNEYS_FROM are not written.
JOURNEYS_FROM = date(2016, 4, 1)
BURN_IN_FROM = date(2013, 4, 1)

# Care-experienced young adults, per child of the area (our choice, tuned to the seeds' 579 care
# leavers supported in 2020/21). The register's households hold few of the young adults who were
# teenagers in care in 2013-2020, and the burn-in starts with nobody in care, so the area gets a
# cohort of them, living on their own now: in care from an age between 12 and 16 until their
# 18th birthday, then former relevant care leavers. They were born so that they were 18 by 31
# March 2020: they add care leavers to 2020/21, not children looked after at 31 March 2020.
CARE_EXPERIENCED_PER_CHILD = 0.0042
CARE_EXPERIENCED_BORN = (date(1998, 4, 1), date(2002, 3, 31))
CARE_EXPERIENCED_ENTRY_AGE = (12.0, 16.25)  # years


def per_child(target_key: str) -> float:
    """A yearly count of the seeds as a rate per child (0-17) of the area."""
    return TARGET_BY_KEY[target_key].value / BRADFORD_CHILDREN


# Referrals a year per child, from the seeds (705 per 10,000), with a gentle trend across the
# years (our choice: 2019/20 is the calibrated year; 2020/21 dipped, as referrals did nationally
# in the first pandemic year).
REFERRALS_PER_CHILD = per_child("referrals")
YEAR_FACTOR = {2013: 0.88, 2014: 0.89, 2015: 0.9, 2016: 0.9, 2017: 0.91, 2018: 0.92, 2019: 0.93, 2020: 0.86}

# Contacts a year before the front door's, against the profile's `contacts_per_year` (our choice:
# 2019/20, the calibrated year, at the seeds' 32,038 for bradford-2019-20; the years before it
# rising towards it as referrals did, 2020/21 dipping in the first pandemic year). The contact
# behind each referral and early help episode counts towards its year.
CONTACT_YEAR_FACTOR = {2016: 0.9, 2017: 0.93, 2018: 0.96, 2019: 1.0, 2020: 0.94}

# Seeds: 92% of referrals go on to further action; the other 8% close within days (ReferralNFA).
NFA_AT_REFERRAL = 0.08
# Seeds: 21% re-referrals within 12 months: the chance a referral goes to a child referred before
# (a little over 21%: a child picked again is sometimes not free, and someone else is referred).
RE_REFERRAL = 0.215

# Referrals that start with a strategy discussion (significant-harm concerns at the outset); the
# rest start with an assessment. Our choice, tuned to the seeds' 4,257 section 47s a year.
STRATEGY_FIRST = 0.39
STRATEGY_DECISIONS = (("s47", 0.86), ("cin", 0.07), ("nfa", 0.05), ("further", 0.02))
# What an assessment that did not start from a strategy discussion decides (our choice).
ASSESSMENT_OUTCOMES = (
    ("nfa", 0.33),
    ("early_help", 0.16),
    ("cin_plan", 0.36),
    ("strategy", 0.12),
    ("looked_after", 0.03),
)
# Seeds: 75% of assessments completed within 45 working days of their start.
ASSESSMENT_IN_TIME = 0.69  # some authorised early, alongside an enquiry: about 75% in all
# Seeds: 31% of section 47 enquiries lead to an initial conference; of the rest, our choice.
SECTION_47_OUTCOMES = (("icpc", 0.31), ("cin", 0.42), ("nfa", 0.27))
# Initial conferences that decide on a plan (our choice; England about 80%).
ICPC_PLAN = 0.85
# Initial conferences within 15 working days of the strategy discussion (our choice).
ICPC_IN_TIME = 0.8
# Chance a plan ends at its 1st, 2nd, 3rd... review conference (3 months, then 6-monthly); tuned
# to the seeds' 953 on a plan at 31 March 2020 and 2020/21's 189 of 858 for one to two years and
# 16 for two years or more.
PLAN_ENDS_AT_REVIEW = (0.27, 0.5, 0.48, 0.62, 0.8, 1.0)
PLAN_END_REASONS = (("cin", 0.67), ("nfa", 0.12), ("looked_after", 0.16), ("moved", 0.03), ("other", 0.02))
# An updated assessment at a review conference that continues the plan (our choice).
REASSESS_AT_REVIEW = 0.45
CATEGORY_OF_ABUSE = (("NEG", 0.48), ("EMO", 0.35), ("PHY", 0.08), ("SAB", 0.04), ("MUL", 0.05))
LATEST_CATEGORY_CHANGES = 0.12
# Child in need plans: months until they end (our choice, median about six months), and how.
CIN_PLAN_MONTHS = (1, 2, 2, 3, 3, 4, 4, 5, 6, 9)
CIN_PLAN_ENDS = (("closed", 0.76), ("early_help", 0.13), ("strategy", 0.09), ("looked_after", 0.02))
# A fresh assessment during long work (our choice, tuned to the seeds' 13,982 completed a year).
REASSESS_EACH_HALF_YEAR = 0.9
# A fresh assessment on an open child in need plan when the child's circumstances change (a new
# baby, a parent's new partner, a school exclusion): the chance per plan of eleven weeks or more,
# at a day from three weeks in to eight weeks before it ends (our choice, tuned as above).
REASSESS_ON_CHANGE = 0.8

PRIMARY_NEED = (
    ("N1", 0.56), ("N2", 0.07), ("N3", 0.04), ("N4", 0.12), ("N5", 0.13), ("N6", 0.03), ("N7", 0.01),
    ("N8", 0.04),
)  # fmt: skip
# Assessment factors (DfE codes) and how often each is identified: our choice, after the DfE's
# national factors (domestic abuse and mental health the most common).
ASSESSMENT_FACTORS = (
    ("3B", 30), ("4B", 28), ("3A", 14), ("16A", 16), ("17A", 18), ("2B", 13), ("1B", 10), ("4A", 12),
    ("18C", 7), ("18B", 2), ("19C", 3), ("19B", 2), ("14A", 5), ("10A", 4), ("11A", 3), ("24A", 3),
    ("15A", 4), ("5B", 3), ("6B", 3), ("7A", 2), ("13A", 2), ("20", 6), ("22A", 0.3), ("23A", 0.5),
    ("12A", 0.5), ("9A", 1), ("1C", 2), ("2C", 2), ("3C", 2), ("4C", 2),
)  # fmt: skip
NO_FACTORS_WHEN_NFA = 0.25

# Looked after (our choices, tuned to the seeds' 1,244 at 31 March 2020).
LEGAL_STATUS_AT_START = (("V2", 0.44), ("C1", 0.40), ("L1", 0.05), ("L2", 0.05), ("J1", 0.03), ("J2", 0.03))
PLACEMENT_AT_START = (("U6", 0.55), ("U3", 0.18), ("K2", 0.10), ("U4", 0.06), ("P1", 0.05), ("R1", 0.02),
                      ("K3", 0.04))  # fmt: skip
# How a period of care ends, for a child under 16 when it starts (months in care: low, high).
CARE_EXITS = (
    ("E4A", 0.36, 3, 20),
    ("E45", 0.05, 12, 36),
    ("E47", 0.06, 12, 36),
    ("E41", 0.04, 9, 30),
    ("E11", 0.04, 18, 36),
    ("E12", 0.03, 18, 36),
    ("E13", 0.03, 6, 24),
    ("E4B", 0.03, 1, 12),
    ("E3", 0.02, 2, 24),
    ("stay", 0.38, 0, 0),  # until their 18th birthday
)
PLACEMENT_MOVE_MONTHS = (4, 30)  # months between placement moves
PLACEMENT_CHANGE_REASONS = (
    ("CARPL", 40), ("CREQB", 12), ("CREQO", 10), ("CHILD", 6), ("STAND", 3), ("ALLEG", 2), ("CLOSE", 5),
    ("LAREQ", 5), ("OTHER", 8),
)  # fmt: skip
REVIEWS_ON_TIME = 0.88
HEALTH_CHECK_DONE = 0.9
# Missing from home or care: children a year per child (seeds: 847, of them 255 in care), and
# episodes per child (our choice).
MISSING_CHILDREN_PER_CHILD = per_child("missing")
MISSING_FROM_CARE_SHARE = TARGET_BY_KEY["missing_from_care"].value / TARGET_BY_KEY["missing"].value
MISSING_EPISODES = (1, 1, 1, 2, 2, 3, 4, 6)
RETURN_INTERVIEW = (("held", 0.72), ("declined", 0.14), ("offered", 0.1), ("", 0.04))

# Care leavers (seeds 2020/21: 99.3% in touch, 66.6% in education, employment or training, 91%
# suitably accommodated, 94.5% with a pathway plan).
IN_TOUCH = (("YES", 0.993), ("NO", 0.004), ("REFU", 0.003))
IN_EDUCATION_EMPLOYMENT_OR_TRAINING = 0.666
EET_ACTIVITIES = (("F2", 30), ("F1", 8), ("P2", 6), ("F4", 10), ("F5", 30), ("P5", 14), ("P1", 2))
NEET_ACTIVITIES = (("G5", 60), ("G4", 22), ("G6", 18))
SUITABLY_ACCOMMODATED = 0.91
SUITABLE_HOMES = (("U1", 30), ("D1", 20), ("E1", 10), ("B1", 15), ("Z1", 12), ("T1", 5), ("C1", 3), ("K1", 5))
UNSUITABLE_HOMES = (("S2", 25), ("V2", 20), ("W2", 15), ("X2", 15), ("U2", 10), ("K2", 15))
WITH_PATHWAY_PLAN = 0.945
# Former relevant young people still supported after 21 (in education, or asking for help).
SUPPORTED_PAST_21 = 0.25

# Early help (our choices): episodes a year per child outside the front door's year, how long
# they last, and how they end.
EARLY_HELP_PER_CHILD = 0.045
EARLY_HELP_MONTHS = (2, 3, 4, 5, 6, 6, 7, 8, 9, 12)
EARLY_HELP_OUTCOMES = (
    ("needs_met", 0.6), ("stepped_up", 0.1), ("universal", 0.12), ("consent_withdrawn", 0.1),
    ("moved_away", 0.03), ("other", 0.05),
)  # fmt: skip
