"""The records of children's social care, one module per part of the journey."""

from .care import (
    CareEpisode,
    CareOutcomes,
    HealthCheck,
    LookedAfterReview,
    MissingEpisode,
    PersonalEducationPlan,
)
from .cin import Assessment, ChildInNeedPlan, ChildInNeedReview, Referral, Visit
from .leaving_care import CareLeaver, CareLeaverContact, PathwayPlan
from .protection import (
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    Section47Enquiry,
    StrategyDiscussion,
)

__all__ = [
    "Assessment",
    "CareEpisode",
    "CareLeaver",
    "CareLeaverContact",
    "CareOutcomes",
    "ChildInNeedPlan",
    "ChildInNeedReview",
    "ChildProtectionConference",
    "ChildProtectionPlan",
    "CoreGroupMeeting",
    "HealthCheck",
    "LookedAfterReview",
    "MissingEpisode",
    "PathwayPlan",
    "PersonalEducationPlan",
    "Referral",
    "Section47Enquiry",
    "StrategyDiscussion",
    "Visit",
]
