"""Early help registered by a partner: the partner's pages, and early help's queue of registrations."""

from django.urls import URLPattern, path

from . import views

app_name = "earlyhelp"

REGISTRATION = "early-help/registrations/<uuid:public_id>"

urlpatterns: list[URLPattern] = [
    # The partner who registers early help and will lead it.
    path("early-help/register/", views.register, name="register"),
    path("early-help/my-registrations/", views.my_registrations, name="my-registrations"),
    path("early-help/my-registrations/<uuid:public_id>/sent/", views.registered, name="registered"),
    # Early help practitioners and team managers, who take each registration.
    path("early-help/registrations/", views.queue, name="queue"),
    path(f"{REGISTRATION}/", views.registration_page, name="registration"),
    path(f"{REGISTRATION}/decline/", views.decline, name="decline"),
]
