"""A limit on requests per token, so one partner system's loop cannot crowd out the others.

Counts are kept in Django's cache (memory of each server process unless CACHES says otherwise),
so the limit is per process: it guards against a runaway sender, not a determined attacker.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

from .models import AgencyToken


class PerTokenRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, counted per token rather than per user."""

    def get_rate(self) -> str | None:
        # Read when used, not when imported, so a changed setting (a test's) takes effect.
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return rate if isinstance(rate, str) else None

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not isinstance(request.auth, AgencyToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": f"token-{request.auth.pk}"}
