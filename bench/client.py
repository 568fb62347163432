"""What the benchmarks share: a client signed in as a persona, GET helpers, and building a database once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from continuum.access.models import User


def signed_in_client(username: str) -> Client:
    """A test client through the whole Django stack (middleware included), second factor passed."""
    user = User.objects.get(username=username)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def get(client: Client, path: str, query: dict[str, Any] | None = None) -> Callable[[], object]:
    return lambda: ok(client.get(path, query or {}))


def ok(response: object) -> object:
    status = getattr(response, "status_code", 0)
    if status != 200:
        raise RuntimeError(f"benchmark request failed with HTTP {status}")
    return response


def generate(profile: str, seed: int, *, force: bool) -> None:
    """Build the partnership in a child process, so that its memory is not this benchmark's peak."""
    started = time.perf_counter()
    command = [sys.executable, "manage.py", "generate_partnership", "--profile", profile, "--seed", str(seed)]
    environment = {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"]}
    subprocess.run(
        [*command, *(["--force"] if force else [])], check=True, cwd=settings.BASE_DIR, env=environment
    )
    print(f"Generated {profile} in {time.perf_counter() - started:.0f} s (kept for the next run)")
