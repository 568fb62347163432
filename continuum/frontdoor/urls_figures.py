"""The front door's figures: counts and percentages for managers, analysts and the board."""

from django.urls import URLPattern, path

from . import figures_views

urlpatterns: list[URLPattern] = [
    path("front-door/figures/", figures_views.figures_page, name="figures"),
]
