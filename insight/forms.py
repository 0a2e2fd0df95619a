"""Insight's forms: alert thresholds, acknowledging an alert, deciding a narrative."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectChoice, SelectField
from wtforms.validators import InputRequired, Length, NumberRange, Regexp


class AlertRulesForm(FlaskForm):
    seller_threshold = IntegerField(
        _l("Complaints about one seller that raise an alert"),
        validators=[InputRequired(), NumberRange(1, 10_000)],
        description=_l("1 to 10,000"),
    )
    window_days = IntegerField(
        _l("Within this many days"),
        validators=[InputRequired(), NumberRange(1, 90)],
        description=_l("1 to 90"),
    )
    rise_factor = IntegerField(
        _l("A brand or product rises sharply at this many times its usual level"),
        validators=[InputRequired(), NumberRange(2, 100)],
        description=_l("2 to 100"),
    )
    rise_minimum = IntegerField(
        _l("... and at least this many complaints"),
        validators=[InputRequired(), NumberRange(1, 10_000)],
        description=_l("1 to 10,000"),
    )
    baseline_weeks = IntegerField(
        _l("The usual level: weekly average over this many weeks"),
        validators=[InputRequired(), NumberRange(1, 52)],
        description=_l("1 to 52"),
    )


class AcknowledgeForm(FlaskForm):
    pass


class NarrativeForm(FlaskForm):
    decision = SelectField(
        choices=[
            SelectChoice("approve", _l("Approve for publication")),
            SelectChoice("withhold", _l("Withhold")),
        ],
        validators=[InputRequired()],
    )
    shown = HiddenField(validators=[InputRequired(), Length(64, 64), Regexp("^[0-9a-f]{64}$")])
