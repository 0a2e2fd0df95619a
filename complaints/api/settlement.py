"""The seller's settlement proposal as JSON, for the consumer: read it, accept or reject it, with
the tracking token in `X-Tracking-Token` (the same 404 for a wrong token and an unknown
reference)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.views import MethodView
from flask_babel import gettext as _

from complaints.api.blueprint import blp, tracked
from complaints.api.schemas import SettlementAnswerSchema, SettlementSchema, TrackingHeadersSchema
from complaints.models import Complaint, ComplaintSettlement
from complaints.services.settlement import accept_settlement, pending_settlement, reject_settlement
from core.api import ErrorSchema
from core.errors import Refusal


def _shown(complaint: Complaint, settlement: ComplaintSettlement) -> dict[str, Any]:
    return {
        "id": settlement.id,
        "kind": settlement.kind.value,
        "amount": settlement.amount,
        "currency": settlement.currency,
        "terms": settlement.terms,
        "status": settlement.status.value,
        "complaint_status": complaint.status,
    }


@blp.route("/<string(maxlength=40):reference>/settlement")
class PendingSettlement(MethodView):
    @blp.arguments(TrackingHeadersSchema, location="headers", as_kwargs=True)
    @blp.response(200, SettlementSchema)
    @blp.alt_response(
        404, schema=ErrorSchema, description="no proposal, unknown reference or wrong token"
    )
    def get(self, reference: str, token: str | None) -> Any:
        """The seller's proposal waiting for the consumer's answer."""
        complaint = tracked(reference, token)
        proposal = pending_settlement(complaint)
        if proposal is None:
            raise Refusal(_("There is no settlement waiting for your answer."), "not_found")
        return _shown(complaint, proposal)


def _answer(
    reference: str,
    token: str | None,
    data: dict[str, Any],
    answer: Callable[[Complaint, int | None], ComplaintSettlement],
) -> Any:
    complaint = tracked(reference, token)
    return _shown(complaint, answer(complaint, data.get("settlement")))


@blp.route("/<string(maxlength=40):reference>/settlement/accept")
class AcceptSettlement(MethodView):
    @blp.arguments(SettlementAnswerSchema)
    @blp.arguments(TrackingHeadersSchema, location="headers", as_kwargs=True)
    @blp.response(200, SettlementSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="unknown reference or wrong token")
    @blp.alt_response(409, schema=ErrorSchema, description="no proposal waits for an answer")
    def post(self, data: dict[str, Any], reference: str, token: str | None) -> Any:
        """Accept the seller's proposal: the complaint is resolved."""
        return _answer(reference, token, data, accept_settlement)


@blp.route("/<string(maxlength=40):reference>/settlement/reject")
class RejectSettlement(MethodView):
    @blp.arguments(SettlementAnswerSchema)
    @blp.arguments(TrackingHeadersSchema, location="headers", as_kwargs=True)
    @blp.response(200, SettlementSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="unknown reference or wrong token")
    @blp.alt_response(409, schema=ErrorSchema, description="no proposal waits for an answer")
    def post(self, data: dict[str, Any], reference: str, token: str | None) -> Any:
        """Reject the seller's proposal: in the ODR lane the officers take over."""
        return _answer(reference, token, data, reject_settlement)
