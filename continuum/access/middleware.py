"""Sign-in and second-factor enforcement for every page except the public ones."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import urlencode

PUBLIC_PREFIXES = ("/sign-in", "/password-reset", "/static/", "/health", "/accessibility")
SECOND_FACTOR_PREFIXES = ("/two-factor", "/sign-out")


class SignInRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith(PUBLIC_PREFIXES) or path.startswith("/api/"):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return redirect(f"/sign-in/?{urlencode({'next': request.get_full_path()})}")
        if (
            user.needs_second_factor
            and not user.is_verified()
            and not path.startswith(SECOND_FACTOR_PREFIXES)
        ):
            return redirect(f"/two-factor/?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
