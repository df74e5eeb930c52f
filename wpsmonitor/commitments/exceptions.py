"""Domain errors, each with a message a person can act on."""

from __future__ import annotations


class DomainError(Exception):
    """A refused write; ``field`` names the input at fault when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InstrumentFrozen(DomainError):
    pass


class PeriodNotOpen(DomainError):
    pass


class ReportNotEditable(DomainError):
    pass


class NotAllowed(DomainError):
    pass


class InvalidValue(DomainError):
    pass
