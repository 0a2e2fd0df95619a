"""The consumer's steps as JSON, each with the tracking token in `X-Tracking-Token`: add evidence
(multipart), answer a question, withdraw, rate the outcome. A wrong or missing token is the same
404 as an unknown reference."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request
from flask.views import MethodView

from complaints.api.blueprint import NOT_FOUND, blp, tracked
from complaints.api.schemas import (
    AddedEvidenceSchema,
    AnswerSchema,
    EvidenceUploadSchema,
    NewFeedbackSchema,
    TrackedComplaintSchema,
    TrackingHeadersSchema,
    WithdrawSchema,
)
from complaints.services import consumer_moves, feedback
from complaints.services.evidence import (
    add_evidence,
    cap_evidence_files,
    consumer_evidence,
    received_files,
    refuse_too_large_files,
)
from complaints.services.tracking import tracking_view
from core.api import ErrorSchema


@blp.url_value_preprocessor
def _cap_uploads(endpoint: str | None, _values: Any) -> None:
    # Runs before any before_request hook reads the files, so the per-file limit applies.
    if endpoint == f"{blp.name}.ComplaintEvidence" and request.method == "POST":
        cap_evidence_files(request)


@blp.before_request
def _refuse_too_large_files() -> None:
    if request.endpoint == f"{blp.name}.ComplaintEvidence" and request.method == "POST":
        refuse_too_large_files(request)


@blp.route("/<string(maxlength=40):reference>/evidence")
class ComplaintEvidence(MethodView):
    @blp.arguments(TrackingHeadersSchema, location="headers", as_kwargs=True)
    @blp.arguments(EvidenceUploadSchema, location="files")
    @blp.response(201, AddedEvidenceSchema)
    @blp.alt_response(404, schema=ErrorSchema, description=NOT_FOUND)
    @blp.alt_response(409, schema=ErrorSchema, description="the complaint has ended")
    @blp.alt_response(413, schema=ErrorSchema, description="a file is larger than 10 MB")
    def post(self, files: dict[str, Any], reference: str, token: str | None) -> Any:
        """Add evidence files (multipart field `evidence`, repeated). Each file is judged by its
        content; one refused file refuses them all."""
        complaint = tracked(reference, token)
        added = add_evidence(complaint, received_files(files["evidence"]), field="evidence")
        evidence = [
            {"id": a.id, "filename": a.filename, "size": a.size, "content_type": a.content_type}
            for a in consumer_evidence(complaint)
        ]
        return {"added": added, "evidence": evidence}


def _step(reference: str, token: str | None, step: Callable[..., object], *args: Any) -> Any:
    """The step on the complaint of this reference and token; a Refusal is answered by core
    (409 about the complaint's state, 422 naming the field at fault)."""
    complaint = tracked(reference, token)
    step(complaint, *args)
    return tracking_view(complaint)


@blp.route("/<string(maxlength=40):reference>/answer")
class ComplaintAnswer(MethodView):
    @blp.arguments(TrackingHeadersSchema, location="headers", as_kwargs=True)
    @blp.arguments(AnswerSchema)
    @blp.response(200, TrackedComplaintSchema)
    @blp.alt_response(404, schema=ErrorSchema, description=NOT_FOUND)
    @blp.alt_response(409, schema=ErrorSchema, description="no question awaits an answer")
    def post(self, data: dict[str, Any], reference: str, token: str | None) -> Any:
        """Answer the officers' question; the complaint goes back to them."""
        return _step(reference, token, consumer_moves.answer_question, data["answer"])


@blp.route("/<string(maxlength=40):reference>/withdraw")
class ComplaintWithdrawal(MethodView):
    @blp.arguments(TrackingHeadersSchema, location="headers", as_kwargs=True)
    @blp.arguments(WithdrawSchema)
    @blp.response(200, TrackedComplaintSchema)
    @blp.alt_response(404, schema=ErrorSchema, description=NOT_FOUND)
    @blp.alt_response(409, schema=ErrorSchema, description="the complaint has ended")
    def post(self, _data: dict[str, Any], reference: str, token: str | None) -> Any:
        """Withdraw the complaint (final)."""
        return _step(reference, token, consumer_moves.withdraw)


@blp.route("/<string(maxlength=40):reference>/feedback")
class ComplaintFeedback(MethodView):
    @blp.arguments(TrackingHeadersSchema, location="headers", as_kwargs=True)
    @blp.arguments(NewFeedbackSchema)
    @blp.response(201, TrackedComplaintSchema)
    @blp.alt_response(404, schema=ErrorSchema, description=NOT_FOUND)
    @blp.alt_response(
        409, schema=ErrorSchema, description="not ended, feedback given, or 60 days passed"
    )
    def post(self, data: dict[str, Any], reference: str, token: str | None) -> Any:
        """Rate the outcome once, within 60 days after the complaint ended."""
        return _step(reference, token, feedback.give_feedback, data["rating"], data["comment"])
