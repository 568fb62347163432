"""How the synthetic front door behaves: who gets in touch, how, and what is decided.

Every proportion here is documented with its source in docs/synthetic.md ("The front door").
The seeds' figures (Bradford 2019/20, `../shared/seeds/000_*.txt`): 32,038 contacts, 9,934
referrals (0.31 a contact), 92% of referrals going on to further action, 21% re-referrals
within 12 months; the front-door audit of January 2020: 84% of contacts dealt with within 24
hours, consent sought in 50% (and dispensed at the child-protection threshold in a few more),
feedback to the referrer recorded in 70%, the child's voice evident in only 3 of 11 cases in
the July 2019 audit, and a high volume of police domestic-abuse notifications below the
threshold. The mix of sources is rounded from the DfE's national referral sources (police
about 30%, schools about 18%, health about 15%). The rest are our choices, named as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from continuum.access.roles import AgencyType
from continuum.frontdoor.catalogue import NoFurtherActionReason, Outcome, Route, Worry

# Outcomes from least to most serious: a brother or sister may get a less serious one.
OUTCOME_ORDER = (
    Outcome.NO_FURTHER_ACTION,
    Outcome.ADVICE,
    Outcome.EARLY_HELP,
    Outcome.SOCIAL_WORK_ASSESSMENT,
    Outcome.STRATEGY_DISCUSSION,
)


@dataclass(frozen=True)
class SourceGroup:
    """A kind of referrer: how often they get in touch, how, about what, and what follows."""

    key: str
    share: float  # of all contacts, in per cent
    agency_types: tuple[str, ...]  # whose staff make the contact; empty for members of the public
    routes: tuple[tuple[str, float], ...]
    # Chances of the most serious outcome on the contact, in OUTCOME_ORDER.
    outcomes: tuple[float, float, float, float, float]
    worries: tuple[tuple[str, float], ...]
    names_every_child: float  # chance the contact names all the family's children, not one
    voice: float  # chance a contact not on the MARF records what the child said
    office_hours: bool = True  # only on working days, in the working day


POLICE_DA_WORRIES = ((Worry.DOMESTIC_ABUSE, 1.0),)
PROFESSIONAL_WORRIES = (
    (Worry.NEGLECT, 20),
    (Worry.EMOTIONAL_ABUSE, 8),
    (Worry.PHYSICAL_ABUSE, 10),
    (Worry.DOMESTIC_ABUSE, 10),
    (Worry.PARENTAL_MENTAL_HEALTH, 10),
    (Worry.SUBSTANCE_MISUSE, 6),
    (Worry.CHILD_MENTAL_HEALTH, 8),
    (Worry.BEHAVIOUR, 6),
    (Worry.SEXUAL_ABUSE, 4),
    (Worry.EXPLOITATION, 4),
    (Worry.GOING_MISSING, 3),
    (Worry.HOUSING, 4),
    (Worry.DISABILITY, 3),
    (Worry.ATTENDANCE, 3),
    (Worry.OTHER, 1),
)
SCHOOL_WORRIES = ((Worry.ATTENDANCE, 12), (Worry.BEHAVIOUR, 10), *PROFESSIONAL_WORRIES)
HEALTH_WORRIES = ((Worry.PARENTAL_MENTAL_HEALTH, 12), (Worry.DISABILITY, 6), *PROFESSIONAL_WORRIES)
POLICE_WORRIES = ((Worry.GOING_MISSING, 10), (Worry.EXPLOITATION, 10), *PROFESSIONAL_WORRIES)

MARF_MOSTLY = ((Route.MARF, 0.75), (Route.PHONE, 0.15), (Route.EMAIL, 0.10))
PROFESSIONAL = (0.32, 0.22, 0.26, 0.13, 0.07)

SOURCE_GROUPS: tuple[SourceGroup, ...] = (
    # The police: two thirds domestic-abuse notifications, mostly below the threshold.
    SourceGroup(
        "police_notification", 20.5, (AgencyType.POLICE,), ((Route.POLICE_NOTIFICATION, 1.0),),
        (0.69, 0.12, 0.12, 0.04, 0.03), POLICE_DA_WORRIES, 1.0, 0.12, office_hours=False,
    ),
    SourceGroup(
        "police", 10.5, (AgencyType.POLICE,),
        ((Route.PHONE, 0.45), (Route.EMAIL, 0.25), (Route.PARTNER_SYSTEM, 0.30)),
        (0.30, 0.18, 0.16, 0.20, 0.16), POLICE_WORRIES, 0.6, 0.3, office_hours=False,
    ),
    SourceGroup(
        "school", 18, (AgencyType.SCHOOL,), ((Route.MARF, 0.8), (Route.PHONE, 0.15), (Route.EMAIL, 0.05)),
        PROFESSIONAL, SCHOOL_WORRIES, 0.35, 0.25,
    ),
    SourceGroup("gp", 5, (AgencyType.GP_PRACTICE,), MARF_MOSTLY, PROFESSIONAL, HEALTH_WORRIES, 0.4, 0.25),
    SourceGroup(
        "health", 10, (AgencyType.HEALTH_TRUST,), MARF_MOSTLY, PROFESSIONAL, HEALTH_WORRIES, 0.45, 0.25
    ),
    SourceGroup(
        "social_care", 4, (AgencyType.CHILDRENS_SOCIAL_CARE,), MARF_MOSTLY,
        (0.24, 0.18, 0.18, 0.26, 0.14), PROFESSIONAL_WORRIES, 0.6, 0.25,
    ),
    SourceGroup(
        "early_help", 5, (AgencyType.EARLY_HELP,), ((Route.MARF, 0.8), (Route.EMAIL, 0.2)),
        (0.20, 0.16, 0.32, 0.26, 0.06), PROFESSIONAL_WORRIES, 0.7, 0.3,
    ),
    SourceGroup(
        "education", 2.5, (AgencyType.EDUCATION,), MARF_MOSTLY, PROFESSIONAL, SCHOOL_WORRIES, 0.4, 0.3
    ),
    SourceGroup(
        "housing", 3, (AgencyType.HOUSING,), MARF_MOSTLY,
        (0.40, 0.26, 0.22, 0.09, 0.03), PROFESSIONAL_WORRIES, 0.8, 0.15,
    ),
    SourceGroup(
        "legal", 5, (AgencyType.PROBATION, AgencyType.YOUTH_JUSTICE), MARF_MOSTLY,
        (0.32, 0.24, 0.18, 0.16, 0.10), POLICE_WORRIES, 0.6, 0.2,
    ),
    SourceGroup(
        "voluntary", 5.5, (AgencyType.VOLUNTARY,), MARF_MOSTLY,
        (0.34, 0.26, 0.24, 0.12, 0.04), PROFESSIONAL_WORRIES, 0.5, 0.25,
    ),
    # Members of the public: parents and relatives ring or write in (self-referral, DfE 1C).
    SourceGroup(
        "individual", 6.5, (), ((Route.SELF, 1.0),),
        (0.38, 0.32, 0.19, 0.08, 0.03), PROFESSIONAL_WORRIES, 0.6, 0.3,
    ),
    # A phone call from someone who would not say who they were with: DfE 10, unknown.
    SourceGroup(
        "unknown", 2.5, (), ((Route.PHONE, 1.0),),
        (0.40, 0.30, 0.17, 0.09, 0.04), PROFESSIONAL_WORRIES, 0.6, 0.2,
    ),
    SourceGroup(
        "anonymous", 2, (), ((Route.ANONYMOUS, 1.0),),
        (0.52, 0.22, 0.10, 0.10, 0.06), PROFESSIONAL_WORRIES, 0.7, 0.1, office_hours=False,
    ),
)  # fmt: skip

# A brother or sister on the same contact usually gets the same outcome; otherwise a less serious one.
SIBLING_SAME_OUTCOME = 0.84

# Why there was no further action, by kind of contact (our choice).
NFA_REASONS_FOR_NOTIFICATIONS = (
    (NoFurtherActionReason.INFORMATION_ONLY, 70),
    (NoFurtherActionReason.BELOW_THRESHOLD, 20),
    (NoFurtherActionReason.ALREADY_OPEN, 8),
    (NoFurtherActionReason.DUPLICATE, 2),
)
NFA_REASONS = (
    (NoFurtherActionReason.BELOW_THRESHOLD, 53),
    (NoFurtherActionReason.ALREADY_OPEN, 15),
    (NoFurtherActionReason.NO_CONSENT, 10),
    (NoFurtherActionReason.INFORMATION_ONLY, 10),
    (NoFurtherActionReason.DUPLICATE, 7),
    (NoFurtherActionReason.MOVED_AWAY, 5),
)

# The level of need behind each outcome: (level, weight). Level 4 is the child-protection level.
LEVELS_FOR_OUTCOME: dict[str, tuple[tuple[int, float], ...]] = {
    Outcome.NO_FURTHER_ACTION: ((1, 0.55), (2, 0.45)),
    Outcome.ADVICE: ((1, 0.4), (2, 0.6)),
    Outcome.EARLY_HELP: ((2, 0.35), (3, 0.65)),
    Outcome.SOCIAL_WORK_ASSESSMENT: ((3, 0.85), (4, 0.15)),
    Outcome.STRATEGY_DISCUSSION: ((4, 1.0),),
}

# Seeds: 84% of contacts dealt with within 24 hours (January 2020 audit).
DECIDED_IN_TIME = 0.84
# Late decisions: how many working days after the deadline (1, 2, 3, 4, 5).
DAYS_LATE = (0.55, 0.2, 0.12, 0.08, 0.05)

# Consent when no outcome needs it (outcomes needing it always have it, as the rules demand):
# tuned so that consent is asked for (given or refused) in about half of all contacts.
CONSENT_WHEN_NOT_NEEDED = (("obtained", 0.12), ("refused", 0.17), ("not_sought", 0.71))
# How often the referrer's own view of the level is given when the form does not ask for it.
REFERRER_LEVEL_GIVEN = 0.4
# The referrer's view against the level decided: the same, one higher, one lower.
REFERRER_LEVEL_DRIFT = ((0, 0.55), (1, 0.3), (-1, 0.15))

# Seeds: 21% re-referrals within 12 months. The chance that a referral goes to a child referred
# in the 12 months before (tuned: brothers and sisters on such a contact may not have been).
RE_REFERRAL = 0.19
# Families who come back to the front door (a repeat notification, another concern), our choice.
REPEAT_CONTACT = 0.25
# Seeds: 92% of referrals go on to further action; the other 8% close within days.
REFERRAL_CLOSED_WITHOUT_ACTION = 0.08

# Partner checks by outcome (our choice): how often the front door asks other agencies.
CHECKS_BY_OUTCOME: dict[str, float] = {
    Outcome.NO_FURTHER_ACTION: 0.12,
    Outcome.ADVICE: 0.25,
    Outcome.EARLY_HELP: 0.45,
    Outcome.SOCIAL_WORK_ASSESSMENT: 0.7,
    Outcome.STRATEGY_DISCUSSION: 0.85,
}
CHECK_ANSWERED = 0.93

# Names as the referrer wrote them (our choice, after the people register's partner variants).
NAME_MISSPELT = 0.15
DATE_OF_BIRTH_GIVEN = 0.88
NHS_NUMBER_GIVEN_BY_HEALTH = 0.7
NHS_NUMBER_GIVEN_BY_OTHERS = 0.08
SCHOOL_NAMED = 0.85  # a school-age child's school, on a police notification or a school's MARF
# Phone and e-mail contacts that leave an e-mail address for the outcome (our choice, tuned so
# that about 70% of referrers are told: police notifications come from a system with no address).
EMAIL_LEFT_BY_PROFESSIONAL_CALLER = 0.95
EMAIL_LEFT_BY_FAMILY = 0.5
