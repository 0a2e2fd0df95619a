"""The steps after a takedown on a listing's case page: the counter-notice and its evidence, the
window, the holder's proofs, and the forms open in the listing's state. Added through
casework.register_case_panel, beside the listing's own panel (ipr.panel)."""

from __future__ import annotations

from flask import get_template_attribute
from markupsafe import Markup

from casework.models import Case
from core import clock
from ipr.counter_forms import ExtensionForm, ProofCheckForm, ReasonsForm
from ipr.counter_notices import counter_files, counter_notices_of
from ipr.models import Listing
from ipr.proofs import may_restore, proof_files


def counter_panel(case: Case) -> Markup | None:
    """Nothing before a counter-notice; then every counter-notice and what may be done now."""
    if not isinstance(case, Listing):
        return None
    counters = counter_notices_of(case)
    if not counters:
        return None
    latest = counters[-1]
    panel = get_template_attribute("ipr/counter_panel.html", "panel")
    return panel(case, counters, {c.id: counter_files(c) for c in counters}, proof_files,
                 {"reasons": ReasonsForm(), "extend": ExtensionForm(), "check": ProofCheckForm()},
                 may_restore(latest, clock.now()), clock.now())
