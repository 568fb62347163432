from django.urls import include, path

from continuum.access import signin
from continuum.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("sign-in/", signin.SignInView.as_view(), name="sign-in"),
    path("sign-out/", signin.sign_out, name="sign-out"),
    path("two-factor/", signin.two_factor, name="two-factor"),
    path("password-reset/", signin.password_reset, name="password-reset"),
    path("password-reset/sent/", signin.password_reset_sent, name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", signin.password_reset_confirm, name="password-reset-confirm"),
    path("password-reset/done/", signin.password_reset_complete, name="password-reset-complete"),
    path("accessibility/", web_views.accessibility, name="accessibility"),
    path("health/", web_views.health, name="health"),
    path("people/", include("continuum.people.urls")),
    path("people/", include("continuum.socialcare.urls")),
    path("access/", include("continuum.access.urls")),
    path("", include("continuum.frontdoor.urls")),
    path("", include("continuum.journey.urls")),
    path("", include("continuum.earlyhelp.urls")),
    path("insight/", include("continuum.insight.urls")),
    path("returns/", include("continuum.returns.urls")),
    path("api/", include("continuum.api.urls")),
]
