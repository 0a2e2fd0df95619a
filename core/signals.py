"""Signals for sideways effects between packages (DESIGN.md section 2); effects on a lower package
(a finding's credit event) are direct calls into it.

Declared here so that a lower package can send what a higher one listens to without importing it.
Each domain issue adds its own; every signal carries ids and a time, never ORM objects.
"""

from blinker import Namespace

redress_signals = Namespace()

counterfeit_lead = redress_signals.signal("counterfeit-lead")
"""A consumer complaint found to be about counterfeit goods, whose consumer consented to share it
with the brand's rights holder (issue 9). Sent by complaints when the counterfeit finding is
recorded: `counterfeit_lead.send(sender, case_reference="C-2026-000123", brand="Acme",
product="earbuds", platform="AliExpress", seller_id=7, listing_url=None, at=aware_datetime)`.
It never carries the consumer's personal data; ipr shows the lead to holders of a verified
trademark for that brand.
"""
