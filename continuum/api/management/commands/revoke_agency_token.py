"""Stop an API token working, at once: `manage.py revoke_agency_token 1a2b3c4d`.

The prefix is the 8 characters after `cnt_` in the key, printed when the token was issued. The token's
system account and everything it sent stay; only the key stops working.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from continuum.access.audit import Actor
from continuum.api import tokens


class Command(BaseCommand):
    help = "Revoke a partner agency's API token by its prefix."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix", help="The token's prefix: the 8 characters after cnt_ in its key.")

    def handle(self, *args: Any, **options: Any) -> None:
        given: str = options["prefix"].strip()
        prefix = tokens.prefix_of(given) or given.removeprefix(tokens.KEY_START)  # a whole key will do
        try:
            token = tokens.revoke_token(Actor.command("revoke_agency_token"), prefix)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        assert token.revoked_at is not None
        revoked = timezone.localtime(token.revoked_at)
        self.stdout.write(
            f"API token {token.prefix} ({token.name}, {token.agency}) revoked at {revoked:%d %B %Y %H:%M}"
        )
