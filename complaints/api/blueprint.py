"""The complaints API blueprint, and what its routes share: the complaint of a reference and its
tracking token, with the same 404 for an unknown reference and a wrong or missing token."""

from __future__ import annotations

from flask_babel import gettext as _

from complaints.models import Complaint
from complaints.services.tracking import consumer_complaint
from core.api import api_blueprint
from core.errors import Refusal

blp = api_blueprint(
    "complaints_api",
    __name__,
    "/complaints",
    "Consumer complaints: file one without an account, then follow it with the "
    "secret tracking token given once in the answer.",
)
NOT_FOUND = "unknown reference or wrong token"


def tracked(reference: str, token: str | None) -> Complaint:
    """The complaint of this reference and token, else the same 404 for every reason."""
    complaint = consumer_complaint(reference, token)
    if complaint is None:
        raise Refusal(
            _("There is no complaint with this reference and tracking token."), "not_found"
        )
    return complaint
