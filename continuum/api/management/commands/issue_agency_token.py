"""Issue an API token for a partner agency's system, and show its key this once.

    manage.py issue_agency_token --agency "Northbridge Police" --name "Niche RMS"

The key is printed and never stored (only its hash is): copy it into the partner system's
secret store straight away. A lost key cannot be shown again; revoke the token and issue another.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from continuum.access.audit import Actor
from continuum.access.models import Agency, User
from continuum.api import tokens


class Command(BaseCommand):
    help = "Issue an API token for a partner agency's system and print its key (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="The agency's name, as Continuum has it.")
        parser.add_argument(
            "--name", default="", help="Which system will use it (default: '<agency> system')."
        )
        parser.add_argument("--description", default="", help="Anything the next administrator should know.")
        parser.add_argument("--by", default="", help="Your Continuum username, recorded as who issued it.")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(name=options["agency"]).first()
        if agency is None:
            raise CommandError(f"No agency is called {options['agency']!r}. Agencies: {_agency_names()}")
        issued_by = _user(options["by"])
        name = options["name"] or f"{agency.name} system"
        try:
            issued = tokens.issue_token(
                Actor.command("issue_agency_token", issued_by),
                agency,
                name=name,
                description=options["description"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        token = issued.token
        self.stdout.write(
            f"Issued API token {token.prefix} ({token.name}) for {agency}, "
            f"acting as the system account {token.user.username}.\n"
            "Copy the key into the partner system's secret store now: it is not stored and cannot "
            "be shown again.\n"
        )
        self.stdout.write(issued.key)


def _agency_names() -> str:
    return ", ".join(Agency.objects.filter(is_active=True).values_list("name", flat=True)) or "none yet"


def _user(username: str) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user is called {username!r}")
    return user
