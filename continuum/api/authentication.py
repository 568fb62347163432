"""`Authorization: Bearer <key>`: the caller is the agency's system account behind the token."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from continuum.access.models import User

from . import tokens
from .models import AgencyToken

ASK_FOR_A_NEW_ONE = "Ask the partnership's system administrator for a new token"
NOT_OURS = "This API token is not one Continuum issued"


class AgencyTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, AgencyToken] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None  # DRF answers 401, naming the header (see errors.py)
        if len(header) != 2:
            raise AuthenticationFailed(
                "Send the token after the word Bearer and one space: Authorization: Bearer cnt_..."
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(NOT_OURS) from None
        token = tokens.token_for_key(key)
        if token is None:
            raise AuthenticationFailed(f"{NOT_OURS}. Check it was copied in full. {ASK_FOR_A_NEW_ONE}")
        return token.user, self._usable(token)

    def _usable(self, token: AgencyToken) -> AgencyToken:
        if token.revoked_at is not None:
            revoked = f"{timezone.localtime(token.revoked_at):%d %B %Y at %H:%M}"
            raise AuthenticationFailed(
                f"This API token ({token.prefix}) was revoked on {revoked}. {ASK_FOR_A_NEW_ONE}"
            )
        if not token.user.is_active or not token.agency.is_active:
            raise AuthenticationFailed(
                f"The system account behind this API token ({token.prefix}) is switched off. "
                f"{ASK_FOR_A_NEW_ONE}"
            )
        tokens.note_use(token)
        return token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) with a WWW-Authenticate header when the token is missing.
        return f'{self.keyword} realm="api"'


class AgencyTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = AgencyTokenAuthentication
    name = "agencyToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Your agency's API token, issued by the partnership's system administrator with "
                "`manage.py issue_agency_token`: `Authorization: Bearer cnt_1a2b3c4d_...`. "
                "A missing, unknown or revoked token gets 401."
            ),
        }
