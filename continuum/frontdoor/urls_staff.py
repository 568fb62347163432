"""Filled in by the part of the front door this module serves."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
