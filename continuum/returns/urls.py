from django.urls import path

from . import views

app_name = "returns"

urlpatterns = [
    path("", views.index, name="index"),
    path("cin-census/<int:year>/", views.cin_census_download, name="cin-census"),
    path("cin-census/<int:year>/check/", views.cin_census_check, name="cin-census-check"),
]
