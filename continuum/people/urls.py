from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.person_new, name="person-new"),
    path("<int:person_id>/", views.person, name="person"),
    path("<int:person_id>/edit/", views.person_edit, name="person-edit"),
    path("<int:person_id>/addresses/new/", views.address_new, name="address-new"),
    path("<int:person_id>/other-names/new/", views.other_name_new, name="other-name-new"),
    path("<int:person_id>/access-log/", views.access_log, name="access-log"),
    path("<int:person_id>/emergency-access/", views.break_glass, name="break-glass"),
]
