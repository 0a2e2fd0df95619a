"""Filing and following a complaint as JSON (DESIGN.md section 8): `POST /api/v1/complaints` (no
account) and `GET /api/v1/complaints/<reference>` with the secret tracking token in
`X-Tracking-Token`."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from complaints.api.blueprint import blp, tracked
from complaints.api.schemas import (
    FiledComplaintSchema,
    NewComplaintSchema,
    SuggestionRequestSchema,
    SuggestionsSchema,
    TrackedComplaintSchema,
    TrackingHeadersSchema,
)
from complaints.services.filing import FILING_LIMIT, NewComplaint, file_complaint
from complaints.services.suggestions import SUGGESTION_LIMIT, analyse, suggestions
from complaints.services.tracking import tracking_view
from core.api import ErrorSchema
from core.extensions import limiter


@blp.route("")
class Complaints(MethodView):
    decorators = [limiter.limit(FILING_LIMIT, methods=["POST"])]  # noqa: RUF012

    @blp.arguments(NewComplaintSchema)
    @blp.response(201, FiledComplaintSchema)
    def post(self, new: NewComplaint) -> Any:
        """File a complaint. The answer holds the tracking token: keep it, it is not shown
        again."""
        complaint, secret = file_complaint(new)
        return {
            "reference": complaint.reference,
            "tracking_token": secret,
            "status": complaint.status,
            "due_at": complaint.due_at,
            "suggested": complaint.suggested,
        }


@blp.route("/suggestions")
class Suggestions(MethodView):
    decorators = [limiter.limit(SUGGESTION_LIMIT, methods=["POST"])]  # noqa: RUF012

    @blp.arguments(SuggestionRequestSchema)
    @blp.response(200, SuggestionsSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """What the NLP reads in a description: a category (with its confidence) and the product,
        seller, platform, order number and amount it names. Nothing is stored: file the complaint
        with the values you keep (a field you leave out stays empty)."""
        return suggestions(analyse(body["description"]))


@blp.route("/<string(maxlength=40):reference>")
class ComplaintByReference(MethodView):
    @blp.arguments(TrackingHeadersSchema, location="headers", as_kwargs=True)
    @blp.response(200, TrackedComplaintSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="unknown reference or wrong token")
    def get(self, reference: str, token: str | None) -> Any:
        """A complaint's status, deadline and public timeline; the same 404 for an unknown
        reference and a wrong or missing token."""
        return tracking_view(tracked(reference, token))
