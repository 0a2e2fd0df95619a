"""Forms of the core pages. Every form carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    Field,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import (
    Email,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from core.i18n import LANGUAGE_NAMES
from core.models import LANGUAGES, SELF_SIGN_UP_ROLES, Role
from core.passwords import MIN_PASSWORD_LENGTH, weak_password_reason

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


def strong_password(form: FlaskForm, field: Field) -> None:
    """Refuse short, common and guessable passwords; words the person gave (their name, their
    address, set as `form.personal_words`) count as guessable."""
    personal = [str(form[name].data or "") for name in ("name", "email") if name in form]
    personal += list(getattr(form, "personal_words", ()))
    reason = weak_password_reason(field.data or "", personal)
    if reason:
        raise ValidationError(reason)


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    return (
        PasswordField(
            _l("Password"),
            validators=[InputRequired(), Length(max=200), strong_password],
            description=_l(
                "At least %(n)d characters, not a common password: a phrase of several "
                "unrelated words works well.",
                n=MIN_PASSWORD_LENGTH,
            ),
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


class SecondFactorForm(FlaskForm):
    code = StringField(
        _l("Code"),
        validators=[InputRequired(), Length(max=40)],
        description=_l("The 6 digits your authenticator app shows, or one of your recovery codes."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class SignUpForm(FlaskForm):
    """Step one: who you are. The password is chosen at the link mailed to the address."""

    name = StringField(_l("Your name"), validators=[InputRequired(), Length(max=120)])
    email = _email_field()
    role = SelectField(
        _l("I am a"),
        choices=[SelectChoice(role.value, ROLE_LABELS[role]) for role in SELF_SIGN_UP_ROLES],
        validators=[InputRequired()],
    )


class ChangePasswordForm(FlaskForm):
    personal_words: tuple[str, ...] = ()
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(), Length(max=200)]
    )
    password, confirm = _new_password_fields()


class EnableTotpForm(FlaskForm):
    code = StringField(
        _l("Code from the app"),
        validators=[InputRequired(), Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("Six digits."))],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class PasswordResetRequestForm(FlaskForm):
    email = _email_field()


class PasswordResetForm(FlaskForm):
    """Also the second step of sign-up. `personal_words`: the person's name and address."""

    personal_words: tuple[str, ...] = ()
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
