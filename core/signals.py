"""Signals that carry effects upward between packages (DESIGN.md section 2).

Declared here so that a lower package can send what a higher one listens to without importing it.
Each domain issue adds its own; every signal carries ids and a time, never ORM objects.
"""

from blinker import Namespace

redress_signals = Namespace()

case_outcome = redress_signals.signal("case-outcome")
"""A case outcome that counts on the seller's credit record (DESIGN.md section 7).

Sent by casework, complaints and ipr when the finding is recorded, inside their transaction:
`case_outcome.send(sender, seller_id=..., case_reference="C-2026-000123", event="takedown",
at=aware_datetime)`. `event` is one of complaint_upheld, no_answer, refused_mediation, takedown,
takedown_counterfeit, counterfeit_confirmed, unsafe_confirmed, fraud_confirmed, or
takedown_restored (reverses that case's takedown event). sellers records the credit event and
updates the seller's tier in the same transaction (it flushes, never commits); sending the same
outcome twice records it once.
"""

counterfeit_lead = redress_signals.signal("counterfeit-lead")
"""A consumer complaint found to be about counterfeit goods, whose consumer consented to share it
with the brand's rights holder (issue 9). Sent by complaints when the counterfeit finding is
recorded: `counterfeit_lead.send(sender, case_reference="C-2026-000123", brand="Acme",
product="earbuds", platform="AliExpress", seller_id=7, listing_url=None, at=aware_datetime)`.
It never carries the consumer's personal data; ipr shows the lead to holders of a verified
trademark for that brand.
"""
