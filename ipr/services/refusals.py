"""Refusals of the IPR services, said in the user's language and naming the fields concerned.

`Refusal` and `REFUSAL_STATUS` below stand in for core.errors' until main has them (issue 14);
they have the same shape, so only the import changes when it does.
"""

from __future__ import annotations

REFUSAL_STATUS = {"refused": 400, "forbidden": 403, "not_found": 404, "conflict": 409,
                  "too_large": 413, "invalid": 422, "rate_limited": 429}


class Refusal(Exception):
    """A request refused for a reason the person can read (stand-in for core.errors.Refusal)."""

    code = "refused"

    def __init__(self, message: str, code: str | None = None,
                 fields: dict[str, str] | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code or type(self).code
        if self.code not in REFUSAL_STATUS:
            raise ValueError(f"unknown refusal code {self.code!r}")
        self.fields = {name: str(reason) for name, reason in (fields or {}).items()}

    @property
    def status(self) -> int:
        return REFUSAL_STATUS[self.code]


class IprError(Refusal):
    """A refused IPR step; `field` names the one form or API field it concerns, if any."""

    def __init__(self, message: str, code: str | None = None, *, field: str | None = None,
                 fields: dict[str, str] | None = None) -> None:
        super().__init__(message, code, {**({field: str(message)} if field else {}),
                                         **(fields or {})})


class NoticeRefused(IprError):
    """A notice or counter-notice refused before anything was stored, naming every invalid
    field, e.g. {"rights.0": "...", "listings.17.url": "..."}."""

    code = "invalid"
