"""Forms of the officer and admin pages. Choices that depend on the case are set by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from casework.services.labels import PRIORITY_LABELS

PRIORITY_CHOICES = [SelectChoice(str(value), label) for value, label in PRIORITY_LABELS.items()]
# Under every text an officer writes: who will read it.
STAFF_ONLY = _l("Read by staff only, unless you tick “Tell the parties” below.")
TELL_PARTIES = _l("Tell the parties (they will read the reason)")


class TransitionForm(FlaskForm):
    target = SelectField(_l("Next step"), validators=[InputRequired()], choices=[])
    reason = TextAreaField(
        _l("Reason"), validators=[Optional(), Length(max=20_000)], description=STAFF_ONLY
    )
    shared = BooleanField(TELL_PARTIES)


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Internal note"),
        validators=[InputRequired(), Length(max=20_000)],
        description=_l("Read by staff only; the parties never see notes."),
    )


class MessageForm(FlaskForm):
    to = SelectMultipleField(_l("Send to"), validators=[InputRequired()], choices=[])
    body = TextAreaField(
        _l("Message"),
        validators=[InputRequired(), Length(max=20_000)],
        description=_l("Mailed to the parties you choose and shown on their timeline."),
    )


class AttachmentForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired()])
    shared = BooleanField(_l("Visible to the parties"))


class AssignForm(FlaskForm):
    assignee = SelectField(_l("Assign to"), choices=[], validate_choice=True)


class PriorityForm(FlaskForm):
    priority = SelectField(_l("Priority"), choices=PRIORITY_CHOICES)


class CorrectionForm(FlaskForm):
    category = SelectField(_l("Category"), validators=[InputRequired()], choices=[])
    entities = TextAreaField(
        _l("Entities"),
        validators=[Optional(), Length(max=20_000)],
        description=_l(
            "One a line: LABEL start-end, e.g. PRODUCT 4-17. Read by staff and used to train "
            "the language model; never shown to the parties."
        ),
    )


class MergeForm(FlaskForm):
    survivor = StringField(
        _l("Merge this case into (reference)"),
        validators=[InputRequired(), Length(max=40)],
        description=_l("The reference of the case that goes on, e.g. C-2026-000123."),
    )
    reason = TextAreaField(
        _l("Reason"), validators=[Optional(), Length(max=2000)], description=STAFF_ONLY
    )
    shared = BooleanField(TELL_PARTIES)


class BulkForm(FlaskForm):
    cases = SelectMultipleField(
        _l("Cases"), validators=[InputRequired()], choices=[], validate_choice=False
    )
    action = SelectField(
        _l("Action"),
        choices=[
            SelectChoice("assign", _l("Assign")),
            SelectChoice("transition", _l("Move to state")),
            SelectChoice("priority", _l("Set priority")),
        ],
    )
    assignee = SelectField(_l("Assign to"), choices=[], validate_choice=False)
    # Checked by the view: a state no move offers (merged) is refused with its own message.
    target = SelectField(_l("State"), choices=[], validate_choice=False)
    priority = SelectField(_l("Priority"), choices=PRIORITY_CHOICES)
    reason = TextAreaField(
        _l("Reason"), validators=[Optional(), Length(max=2000)], description=STAFF_ONLY
    )
    shared = BooleanField(TELL_PARTIES)


class QueueForm(FlaskForm):
    code = StringField(
        _l("Code"), validators=[InputRequired(), Length(max=40), Regexp(r"^[a-z0-9_-]+$")]
    )
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])
    calendar = SelectField(_l("Calendar"), choices=[])
    triage = BooleanField(_l("Triage queue (low-confidence cases)"))
    auto_assign = BooleanField(_l("Assign new cases automatically (fewest open cases)"))


class RuleForm(FlaskForm):
    """The view sets the choices from the registered kinds; casework.services.queues checks
    the values (a browser may send any), so that a refusal names the field and the value."""

    position = IntegerField(
        _l("Position"), validators=[InputRequired(), NumberRange(min=0, max=100_000)]
    )
    kind = SelectField(_l("Kind"), choices=[], validate_choice=False)
    category = SelectField(_l("Category"), choices=[], validate_choice=False)
    language = SelectField(_l("Language"), choices=[], validate_choice=False)
    priority = SelectField(
        _l("Priority"), choices=[SelectChoice("", "—"), *PRIORITY_CHOICES], default=""
    )
    jurisdiction = StringField(
        _l("Jurisdiction"),
        validators=[Optional(), Length(max=8)],
        description=_l("A two-letter country code, e.g. CN; empty: any."),
    )


class MemberForm(FlaskForm):
    email = StringField(
        _l("Officer's e-mail address"), validators=[InputRequired(), Length(max=254)]
    )


class CalendarDayForm(FlaskForm):
    day = DateField(_l("Day"), validators=[InputRequired()])
    kind = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice("holiday", _l("Public holiday")),
            SelectChoice("workday", _l("Make-up working day")),
            SelectChoice("", _l("Ordinary day")),
        ],
    )
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])


class CalendarYearForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])


class SlaForm(FlaskForm):
    kind = StringField(validators=[InputRequired(), Length(max=40)])
    state = StringField(validators=[InputRequired(), Length(max=40)])
    sla_days = IntegerField(
        _l("Working days"), validators=[Optional(), NumberRange(min=1, max=365)]
    )
