"""Error pages in the user's language: whole pages, or a small alert for htmx requests."""

from __future__ import annotations

from flask import Flask, Response, make_response, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.web import render

MESSAGES = {
    400: (
        _l("Something in that request was not right"),
        _l("The page could not handle what was sent. Go back, reload the page and try again."),
    ),
    401: (
        _l("Please log in"),
        _l("Your login has ended. Log in again to continue where you left off."),
    ),
    403: (
        _l("Not allowed"),
        _l("You do not have access to this page."),
    ),
    404: (
        _l("Page not found"),
        _l("This page does not exist, or it belongs to someone else."),
    ),
    405: (
        _l("Not possible here"),
        _l("This page cannot be used like that. Go back and use the buttons on the page."),
    ),
    413: (
        _l("That is too large"),
        _l("What you sent is larger than this app accepts."),
    ),
    429: (
        _l("Slow down a moment"),
        _l("Too many requests in a short time. Wait a moment and try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("We could not finish this. What you saved before is safe. Please try again."),
    ),
    503: (
        _l("Busy right now"),
        _l("The app is busy. Try again in a moment."),
    ),
}

CSRF_MESSAGE = (
    _l("This form has expired"),
    _l("For your security, forms expire. Reload the page and try again; saved work is kept."),
)


def _error_response(code: int, title, text):
    page = render("pages/error.html", block="error_alert", code=code, title=title, text=text)
    return page, code


def error_response(code: int, title, text) -> Response:
    """An error as a whole page, or as the alert fragment for htmx and script requests."""
    return make_response(_error_response(code, title, text))


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_exc):
        return _error_response(400, *CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = exc.code or 500
        if code < 400:
            return exc
        title, text = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
        response = _error_response(code, title, text)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return _error_response(500, *MESSAGES[500])
