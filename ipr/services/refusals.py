"""Refusals of the IPR services, said in the user's language and naming the fields concerned."""

from __future__ import annotations


class IprError(ValueError):
    """A refused step; `field` names the form or API field it concerns, if any."""

    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
        self.status = status


class NoticeRefused(ValueError):
    """A notice refused before anything was stored: every invalid field, e.g.
    {"rights.0": "...", "listings.17.url": "..."}."""

    def __init__(self, message: str, fields: dict[str, str], status: int = 422) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.fields = fields
        self.status = status
