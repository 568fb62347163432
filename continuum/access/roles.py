"""Roles people hold in the partnership, and what each may do in general.

Whether a role may act on a particular child's record is decided in `policy.py`; this module
only says what each role is, in the words the partnership uses.
"""

from django.db import models


class AgencyType(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH_TRUST = "health_trust", "Health trust"
    GP_PRACTICE = "gp_practice", "GP practice"
    SCHOOL = "school", "School"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Council children's social care"
    EARLY_HELP = "early_help", "Early help"
    EDUCATION = "education", "Council education services"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary sector"
    PARTNERSHIP = "partnership", "Safeguarding partnership business unit"


class Role(models.TextChoices):
    PARTNER_PRACTITIONER = "partner_practitioner", "Partner practitioner"
    FRONT_DOOR_PRACTITIONER = "front_door_practitioner", "Front door practitioner"
    FRONT_DOOR_MANAGER = "front_door_manager", "Front door manager"
    FRONT_DOOR_PARTNER_OFFICER = "front_door_partner_officer", "Police or health officer in the front door"
    EARLY_HELP_PRACTITIONER = "early_help_practitioner", "Early help practitioner"
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    CONFERENCE_CHAIR = "conference_chair", "Conference chair or independent reviewing officer"
    LADO = "lado", "Local authority designated officer (LADO)"
    EXPLOITATION_LEAD = "exploitation_lead", "Exploitation lead"
    EDUCATION_SAFEGUARDING = "education_safeguarding", "Education safeguarding officer"
    BUSINESS_UNIT = "business_unit", "Partnership business unit"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    BOARD_MEMBER = "board_member", "Board member"
    ADMINISTRATOR = "administrator", "System administrator"
    # A partner agency's computer system sending contacts through the API with a token. Its
    # account has no usable password: it cannot sign in to pages.
    PARTNER_SYSTEM = "partner_system", "Partner agency system (API)"


# Roles that see the whole child population to look children up at the front door.
FRONT_DOOR_ROLES = frozenset(
    {Role.FRONT_DOOR_PRACTITIONER, Role.FRONT_DOOR_MANAGER, Role.FRONT_DOOR_PARTNER_OFFICER}
)
# Roles that work with children allocated to them or their team.
CASEWORK_ROLES = frozenset(
    {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.CONFERENCE_CHAIR, Role.EARLY_HELP_PRACTITIONER}
)
# Roles that may search the partnership's people index (to avoid duplicate records).
SEARCH_ROLES = FRONT_DOOR_ROLES | CASEWORK_ROLES
# Roles that may ask for time-limited break-glass access to a record they cannot otherwise open.
BREAK_GLASS_ROLES = FRONT_DOOR_ROLES | CASEWORK_ROLES
# Partner practitioners sign in with a password alone; everyone who can reach records or
# configuration needs a second factor (TOTP).
ROLES_WITHOUT_SECOND_FACTOR = frozenset({Role.PARTNER_PRACTITIONER, Role.PARTNER_SYSTEM})
# Roles whose holders refer children to the front door (everyone who works with children).
REFERRER_ROLES = frozenset(Role) - {
    Role.ADMINISTRATOR,
    Role.PERFORMANCE_ANALYST,
    Role.BOARD_MEMBER,
    Role.BUSINESS_UNIT,
}
# Front-door roles that decide what happens to a contact (the police and health officers
# screen and advise; the council's social workers and managers decide).
FRONT_DOOR_DECISION_ROLES = frozenset({Role.FRONT_DOOR_PRACTITIONER, Role.FRONT_DOOR_MANAGER})
SIGN_OFF_ROLES = frozenset({Role.FRONT_DOOR_MANAGER})
# Roles that read the partnership's figures (counts and rates, never a child's record).
FIGURES_ROLES = frozenset(
    {
        Role.FRONT_DOOR_MANAGER,
        Role.TEAM_MANAGER,
        Role.PERFORMANCE_ANALYST,
        Role.BOARD_MEMBER,
        Role.BUSINESS_UNIT,
    }
)
# Roles that may answer another agency's request for what they know about a family.
PARTNER_CHECK_ROLES = REFERRER_ROLES - {Role.PARTNER_SYSTEM}
# Roles that see what is due across a team's caseload.
TEAM_WORK_ROLES = frozenset({Role.TEAM_MANAGER})
# Roles that take a partner's early help registration: find the child, then accept or decline it.
EARLY_HELP_COORDINATOR_ROLES = frozenset({Role.EARLY_HELP_PRACTITIONER, Role.TEAM_MANAGER})
# Roles that enter what the figures need: the child population, comparators, the report's words.
FIGURES_ENTRY_ROLES = frozenset({Role.PERFORMANCE_ANALYST, Role.BUSINESS_UNIT})
# Roles that make the statutory returns (the CIN census, the SSDA903, Annex A) and check them
# with the DfE's rules: the council's performance analysts.
RETURNS_ROLES = frozenset({Role.PERFORMANCE_ANALYST})
# Roles that may open the list of children behind a figure. Analysts check and explain figures
# child by child; managers see only the children whose records they may already open. Board
# members and the business unit see figures only.
DRILL_DOWN_ROLES = frozenset({Role.PERFORMANCE_ANALYST, Role.FRONT_DOOR_MANAGER, Role.TEAM_MANAGER})
