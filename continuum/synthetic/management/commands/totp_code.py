"""python manage.py totp_code tom: the current second-factor code of a demo account."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.models import User


class Command(BaseCommand):
    help = (
        "Print the current six-digit code of a user's confirmed authenticator. For demos only: it "
        "defeats the second factor, so it refuses unless DEBUG is on or --demo is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--demo", action="store_true", help="Confirm this is a demo database.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or options["demo"]):
            raise CommandError(
                "totp_code is for demos only: anyone who can run it can pass the second factor. "
                "Run it with DJANGO_DEBUG=1, or add --demo if this is a demo database."
            )
        username = options["username"]
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).order_by("pk").first()
        if device is None and User.objects.filter(username=username, role_assignments__isnull=False).exists():
            user = User.objects.get(username=username)
            if not user.needs_second_factor:
                raise CommandError(
                    f"{username} signs in with a password alone: their role needs no second factor."
                )
        if device is None:
            raise CommandError(
                f"{username} has no confirmed authenticator. Run `python manage.py demo_partnership` to set "
                "up the demo accounts, or check the username."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        self.stdout.write(f"{totp.token():0{device.digits}d}")
        remaining = device.step - int(totp.time - device.t0) % device.step
        self.stderr.write(f"Code for {username}, valid for about {remaining} more seconds.")
