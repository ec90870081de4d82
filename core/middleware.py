"""Language choice: Latvian unless the user chose otherwise (cookie, then their profile).

The browser's Accept-Language is deliberately ignored: Tilts is a Latvian service whose staff
share machines; the language is a choice made in the switcher, not a guess.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def language_for(request: HttpRequest) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in SUPPORTED:
        return chosen
    user = getattr(request, "user", None)
    preferred = getattr(user, "preferred_language", "") if user is not None else ""
    if preferred in SUPPORTED:
        return str(preferred)
    return str(settings.LANGUAGE_CODE)


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers["Vary"] = ", ".join(filter(None, [response.headers.get("Vary"), "Cookie"]))
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every response with personal data (issue 28,
    finding 11): every response to a signed-in user, and every other response that its view
    did not mark public (the sign-in pages, error pages, token links). Neither the browser nor
    a proxy keeps a copy of a case page, a PDF or an HTMX fragment.

    Static files never get here: WhiteNoise, before this middleware, answers them with its
    own long caching. A response that already says `no-store` is left as it is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        directives = {
            part.strip().split("=", 1)[0].lower()
            for part in response.headers.get("Cache-Control", "").split(",")
        }
        if "no-store" in directives:
            return response
        if "public" in directives and not _signed_in(request):
            return response
        response.headers["Cache-Control"] = "no-store, private"
        response.headers.pop("Expires", None)
        return response


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
