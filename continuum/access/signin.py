"""Sign-in, second factor (TOTP), sign-out and the user's own password reset."""

from __future__ import annotations

import base64
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .audit import Action, Actor
from .forms import NewPasswordForm, ResetRequestForm, SecondFactorForm, SignInForm
from .models import User


class SignInView(auth_views.LoginView):
    template_name = "access/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        audit.record(Actor.from_request(self.request), Action.SIGN_IN)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["timed_out"] = self.request.GET.get("timed_out") == "1"
        return context


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def two_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the TOTP code; on first use, show the QR code to set the authenticator up."""
    user: User = request.user  # type: ignore[assignment]
    if not user.needs_second_factor or user.is_verified():
        return redirect(_safe_next(request))
    device = TOTPDevice.objects.filter(user=user).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["code"]):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(Actor.from_request(request), Action.SIGN_IN, details={"second_factor": "totp"})
            return redirect(_safe_next(request))
        form.add_error("code", "The security code is not right or has expired. Enter the newest code")
        audit.record(Actor.from_request(request), Action.SIGN_IN_FAILED, details={"second_factor": "totp"})
    context = {"form": form, "next": _safe_next(request), "setting_up": not device.confirmed}
    if not device.confirmed:
        context["qr_code"] = _qr_code_data_uri(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "access/two_factor.html", context)


def _qr_code_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit.record(Actor.from_request(request), Action.SIGN_OUT)
    auth.logout(request)
    return redirect("sign-in")


password_reset = auth_views.PasswordResetView.as_view(
    template_name="access/password_reset.html",
    form_class=ResetRequestForm,
    email_template_name="access/password_reset_email.txt",
    subject_template_name="access/password_reset_subject.txt",
    success_url=reverse_lazy("password-reset-sent"),
)
password_reset_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="access/password_reset_sent.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="access/password_reset_confirm.html",
    form_class=NewPasswordForm,
    success_url=reverse_lazy("password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="access/password_reset_complete.html"
)
