"""The one error type services raise; views turn it into a form error or a message."""

from django.core.exceptions import PermissionDenied


class ApplicationError(Exception):
    """A refused or invalid business operation, with a translatable message for the user."""

    def __init__(self, message, *, extra=None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}

    def __str__(self):
        return str(self.message)


class NotAllowed(ApplicationError, PermissionDenied):
    """The user may not do this (HTTP 403 when it escapes to a view)."""


class Conflict(ApplicationError):
    """The record changed under the user (someone else moved it first)."""
