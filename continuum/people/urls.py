from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("<int:person_id>/", views.person, name="person"),
    path("<int:person_id>/access-log/", views.access_log, name="access-log"),
    path("<int:person_id>/emergency-access/", views.break_glass, name="break-glass"),
]
