"""Refusals of the IPR services: core.errors.Refusal with the fields concerned, said in the
user's language. Their codes, and so their statuses, come from core's one table."""

from __future__ import annotations

from core.errors import Refusal


class IprError(Refusal):
    """A refused IPR step; `field` names the one form or API field it concerns, if any."""

    def __init__(
        self,
        message: str,
        code: str | None = None,
        *,
        field: str | None = None,
        fields: dict[str, str] | None = None,
    ) -> None:
        super().__init__(
            message, code, {**({field: str(message)} if field else {}), **(fields or {})}
        )


class NoticeRefused(IprError):
    """A notice or counter-notice refused before anything was stored, naming every invalid
    field, e.g. {"rights.0": "...", "listings.17.url": "..."}."""

    code = "invalid"
