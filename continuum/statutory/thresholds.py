"""The Continuum of Need the demo partnership starts with, loaded by a data migration.

Four levels, as the seeds' partnership published them in July 2019. The wording here is ours;
a partnership replaces it with its own guidance as a new framework version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

FRAMEWORK = {
    "name": "Continuum of Need",
    "version": "2019",
    "in_force_from": date(2019, 7, 1),
    "source": "Local safeguarding partnership threshold guidance, July 2019",
}

LEVELS = (
    {
        "number": 1,
        "name": "Universal",
        "summary": "The child's needs are met by the services every child uses: school, GP, health visitor.",
        "indicators": "Healthy, developing well and attending school\nParents meet the child's needs",
        "response": "Universal services. No referral to the front door is needed.",
        "is_child_protection": False,
    },
    {
        "number": 2,
        "name": "Universal Partnership Plus",
        "summary": "Emerging needs that one or two services working together can meet, with the "
        "family's agreement.",
        "indicators": (
            "Attendance is falling or behaviour is changing\n"
            "Parents are finding it hard to cope and ask for some help\n"
            "Early signs of neglect, such as poor hygiene, with no harm yet"
        ),
        "response": "The agency that knows the family leads, with an early help assessment if useful.",
        "is_child_protection": False,
    },
    {
        "number": 3,
        "name": "Targeted Support",
        "summary": "Several needs, or needs that are getting worse: a coordinated early help response or a "
        "child in need assessment, with the family's consent.",
        "indicators": (
            "Domestic abuse in the household without immediate risk to the child\n"
            "Parental mental ill-health or substance misuse affecting the child's care\n"
            "Persistent absence, going missing, or early signs of exploitation\n"
            "A disabled child whose family needs support to meet their needs"
        ),
        "response": "Early help with a lead practitioner and team around the family, or a social work "
        "assessment of a child in need. Needs informed consent.",
        "is_child_protection": False,
    },
    {
        "number": 4,
        "name": "Statutory/Specialist",
        "summary": "The child has suffered, or is likely to suffer, significant harm.",
        "indicators": (
            "A disclosure or sign of physical, sexual or emotional abuse\n"
            "Serious neglect\n"
            "Domestic abuse with immediate risk to the child\n"
            "Child exploitation or trafficking\n"
            "An unborn baby at risk of significant harm"
        ),
        "response": "Children's social care: a strategy discussion and child protection enquiries. "
        "Information is shared without consent when seeking it would put the child at risk.",
        "is_child_protection": True,
    },
)


def load(framework_model: Any, level_model: Any) -> None:
    """Add this framework and its levels unless they are there (the migration and tests call it)."""
    framework, _ = framework_model.objects.get_or_create(
        name=FRAMEWORK["name"], version=FRAMEWORK["version"], defaults=FRAMEWORK
    )
    for level in LEVELS:
        level_model.objects.get_or_create(framework=framework, number=level["number"], defaults=level)
