"""Placeholder views: being written."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("Not yet built", status=501)


search = person = access_log = break_glass = users = user_new = user_edit = audit_search = _todo
