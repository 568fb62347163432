"""What referrers and workers write on synthetic contacts: short, plausible and made up.

`{child}` is the first named child's first name. Phone numbers are from Ofcom's ranges kept for
drama (01632 960xxx and 07700 900xxx), so none rings anyone.
"""

from __future__ import annotations

from continuum.frontdoor.catalogue import Outcome, Worry

WORRY_DETAILS: dict[str, tuple[str, ...]] = {
    Worry.PHYSICAL_ABUSE: (
        "{child} came in with a bruise on the cheek and said it happened at home.",
        "{child} has marks on both arms and would not say how they got there.",
    ),
    Worry.SEXUAL_ABUSE: (
        "{child} said something to a member of staff that suggests sexual harm; we have not asked more.",
        "Worrying sexualised behaviour by {child} towards younger children.",
    ),
    Worry.EMOTIONAL_ABUSE: (
        "{child} is often shouted at and belittled by a parent at collection time.",
        "{child} says they are told they are stupid and not wanted.",
    ),
    Worry.NEGLECT: (
        "{child} often arrives hungry and in the same clothes for days.",
        "The home was found to be dirty with little food; the children's needs are not being met.",
        "{child} has untreated tooth decay and missed several health appointments.",
    ),
    Worry.DOMESTIC_ABUSE: (
        "Police called to a domestic incident at the home; the children were present.",
        "Mother disclosed that her partner is controlling and has hit her; the children saw it.",
        "Verbal argument between the parents reported by a neighbour; no injuries.",
    ),
    Worry.PARENTAL_MENTAL_HEALTH: (
        "Mother is struggling with low mood and has said she cannot cope with the children.",
        "Father was admitted to hospital after a mental health crisis; the children are with relatives.",
    ),
    Worry.SUBSTANCE_MISUSE: (
        "Staff smelt alcohol on a parent at collection more than once.",
        "A parent is known to use drugs and the children have been left unsupervised.",
    ),
    Worry.CHILD_MENTAL_HEALTH: (
        "{child} has been self-harming and is on the CAMHS waiting list.",
        "{child} has talked about not wanting to be alive.",
    ),
    Worry.EXPLOITATION: (
        "{child} has new phones and money and is seen with older young people.",
        "{child} was found in another town with adults not known to the family.",
    ),
    Worry.GOING_MISSING: ("{child} has been reported missing three times this month.",),
    Worry.ATTENDANCE: ("{child}'s attendance has fallen to 70% and the family do not answer calls.",),
    Worry.DISABILITY: ("{child} has complex health needs and the family are exhausted.",),
    Worry.HOUSING: ("The family face eviction and are sleeping at a relative's house.",),
    Worry.BEHAVIOUR: ("{child}'s behaviour has changed suddenly: angry outbursts and refusing to go home.",),
    Worry.OTHER: ("The family asked for help; the worries are not easy to put in one box.",),
}

ALREADY_TRIED = (
    "Meetings with the parents; a referral to the school nurse.",
    "Early help offered last term; the family did not take it up.",
    "Spoken to mother twice; she agreed to see her GP.",
    "",
    "",
)

CHILD_VOICE = (
    "{child} said: 'I don't like it when they shout.'",
    "{child} said they are hungry at home a lot.",
    "{child} said they want to stay with their mum but want the fighting to stop.",
    "{child} would not talk about home but drew a picture of their family crying.",
    "{child} said: 'Nobody listens to me.'",
)
COULD_NOT_ASK = (
    "Not asked: {child} is a baby.",
    "Not asked: the child is not yet born.",
    "{child} did not want to talk to me today.",
)

RATIONALE: dict[str, tuple[str, ...]] = {
    Outcome.NO_FURTHER_ACTION: (
        "No concerns for the child's safety identified from checks; universal services meet needs.",
        "Notification noted on the record. Parents separated; no further incidents since.",
    ),
    Outcome.ADVICE: ("Advice given to the referrer on supporting the family through universal services.",),
    Outcome.EARLY_HELP: (
        "Needs across several areas; family agree to a lead practitioner from the family hub.",
    ),
    Outcome.SOCIAL_WORK_ASSESSMENT: (
        "Needs are complex and continuing; a child and family assessment is needed.",
    ),
    Outcome.STRATEGY_DISCUSSION: (
        "Reasonable cause to suspect significant harm: strategy discussion with police and health today.",
    ),
}

CHECK_QUESTIONS: dict[str, tuple[str, ...]] = {
    "police": ("Any call-outs to this address in the last 12 months?", "Is anyone in the home known to you?"),
    "gp_practice": ("Are the children up to date with health checks? Any concerns noted?",),
    "health_trust": ("Is the family known to health visiting or school nursing? Any concerns?",),
    "school": ("How is attendance, and have you any concerns about the children?",),
}
CHECK_ANSWERS = (
    "Nothing known.",
    "Two domestic incidents this year, no arrests.",
    "Attendance 91%. No concerns raised by staff.",
    "Known to us: missed appointments in the spring; seen since with no concerns.",
    "Mother has a history of low mood; under the GP's care.",
)

# What each half of a joint screening found: (below the threshold, above it).
SCREENING_NOTES = {
    "police": (
        "Standard risk on the DASH. First reported incident. No weapons, no injuries.",
        "Medium risk on the DASH; third incident this year; perpetrator on bail.",
    ),
    "social_work": (
        "Children not present; no previous involvement. Information kept for the record.",
        "Children present and frightened; history of involvement. Needs a social work response.",
    ),
}

CONSENT_GIVEN_BY = ("Their mother", "Their father", "Both parents", "The child's grandmother")
CONSENT_COVERS = (
    "The children and their mother",
    "All the children and both parents",
    "The child and family",
)
CONSENT_REFUSED = (
    "Mother did not want a referral and said the family are managing.",
    "Father said no: he does not want social services involved.",
)
CONSENT_NOT_SOUGHT = (
    "Police notification: consent is not asked for at the scene.",
    "The referrer did not ask before contacting the front door.",
    "Could not reach the parents before phoning.",
)
CONSENT_NOT_NEEDED = (
    "Asking would put the child at greater risk of significant harm.",
    "Disclosure of abuse by a parent: they will not be told before the strategy discussion.",
)


def phone_number(serial: int) -> str:
    """A number from the ranges Ofcom keeps for drama: landlines 01632 960xxx, mobiles 07700 900xxx."""
    if serial % 2:
        return f"01632 960{serial % 1000:03d}"
    return f"07700 900{serial % 1000:03d}"
