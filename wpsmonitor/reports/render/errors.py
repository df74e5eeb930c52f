"""Errors a renderer raises, with a message a person can act on."""

from __future__ import annotations


class RenderError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FontMissing(RenderError):
    """The Unicode font the PDF embeds is not installed."""
