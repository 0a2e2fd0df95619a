"""Forms of the core pages. Every form carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import Email, EqualTo, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from core.i18n import LANGUAGE_NAMES
from core.models import LANGUAGES, SELF_SIGN_UP_ROLES, Role
from core.passwords import MIN_PASSWORD_LENGTH

LANGUAGE_CHOICES = [SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
ROLE_LABELS = {
    Role.CONSUMER: _l("Consumer"),
    Role.RIGHTS_HOLDER: _l("Rights holder"),
    Role.SELLER: _l("Seller"),
    Role.OFFICER: _l("Case officer"),
    Role.SUPERVISOR: _l("Supervisor"),
    Role.ADMIN: _l("Administrator"),
}


def _email_field() -> EmailField:
    return EmailField(
        _l("E-mail address"),
        validators=[InputRequired(), Length(max=254), Email(check_deliverability=False)],
    )


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    return (
        PasswordField(
            _l("Password"),
            validators=[InputRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
            description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
        ),
        PasswordField(
            _l("Repeat the password"),
            validators=[InputRequired(), EqualTo("password", _l("The passwords do not match."))],
        ),
    )


class SignInForm(FlaskForm):
    email = _email_field()
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me signed in on this device"))


class SignUpForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[InputRequired(), Length(max=120)])
    email = _email_field()
    role = SelectField(
        _l("I am a"),
        choices=[SelectChoice(role.value, ROLE_LABELS[role]) for role in SELF_SIGN_UP_ROLES],
        validators=[InputRequired()],
    )
    password, confirm = _new_password_fields()


class PasswordResetRequestForm(FlaskForm):
    email = _email_field()


class PasswordResetForm(FlaskForm):
    password, confirm = _new_password_fields()


class CreateUserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])
    email = _email_field()
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(role.value, ROLE_LABELS[role]) for role in Role],
        validators=[InputRequired()],
    )
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    password, confirm = _new_password_fields()


class EditUserForm(FlaskForm):
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(role.value, ROLE_LABELS[role]) for role in Role],
        validators=[InputRequired()],
    )
    active = BooleanField(_l("Account active"))


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)


class ApiTokenForm(FlaskForm):
    name = StringField(
        _l("Name of the token"),
        validators=[InputRequired(), Length(max=80)],
        description=_l('Say where it is used, e.g. "nightly listing upload".'),
    )
    scopes = SelectMultipleField(
        _l("What it may do"),
        validators=[InputRequired()],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
    expires_in_days = IntegerField(
        _l("Expires after (days)"),
        default=365,
        validators=[Optional(), NumberRange(min=1, max=730)],
    )
