from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

urlpatterns = [
    path("v1/contacts/", views.ContactsView.as_view(), name="contacts"),
    path("v1/contacts/<str:reference>/", views.ContactView.as_view(), name="contact"),
    # YAML by default; JSON with ?format=json or Accept: application/vnd.oai.openapi+json.
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    re_path(r"^.*$", views.NoSuchEndpoint.as_view()),
]
