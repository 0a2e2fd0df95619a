"""The account part of the JSON API: who am I, and my tokens."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_babel import gettext as _
from flask_smorest import abort
from sqlalchemy import select

from core.api import (
    BEARER,
    ApiSchema,
    PageArgsSchema,
    api_blueprint,
    api_user,
    keyset_page,
    token_required,
)
from core.api_tokens import revoke_api_token
from core.db import session
from core.models import LANGUAGES, ApiToken, User
from core.users import update_profile

ACCOUNT_SCOPE = "account"

blp = api_blueprint("account_api", __name__, "", "Your account and its API tokens.")


class UserSchema(ApiSchema):
    id = ma.fields.Integer(required=True)
    email = ma.fields.Email(required=True)
    name = ma.fields.String(required=True)
    role = ma.fields.String(required=True)
    language = ma.fields.String(allow_none=True)


class ProfileSchema(ApiSchema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=120))
    language = ma.fields.String(required=True, validate=ma.validate.OneOf(LANGUAGES))


class TokenSchema(ApiSchema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    prefix = ma.fields.String(required=True, metadata={"description": "first characters"})
    scopes = ma.fields.List(ma.fields.String(), required=True)
    created_at = ma.fields.AwareDateTime(required=True)
    expires_at = ma.fields.AwareDateTime(allow_none=True)
    last_used_at = ma.fields.AwareDateTime(allow_none=True)
    revoked_at = ma.fields.AwareDateTime(allow_none=True)


class TokenPageSchema(ApiSchema):
    items = ma.fields.List(ma.fields.Nested(TokenSchema), required=True)
    next = ma.fields.String(allow_none=True, required=True)


@blp.route("/me")
class Me(MethodView):
    @blp.doc(security=[BEARER])
    @blp.response(200, UserSchema)
    @token_required(ACCOUNT_SCOPE)
    def get(self) -> Any:
        """The account the token belongs to."""
        return _describe(api_user())

    @blp.doc(security=[BEARER])
    @token_required(ACCOUNT_SCOPE)  # outermost: a caller without a token learns nothing more
    @blp.arguments(ProfileSchema)
    @blp.response(200, UserSchema)
    def put(self, profile: dict[str, Any]) -> Any:
        """Change the name and language of your account (mails come in this language)."""
        user = api_user()
        update_profile(user, profile["name"], profile["language"])
        return _describe(user)


def _describe(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role.value,
        "language": user.language,
    }


@blp.route("/tokens")
class Tokens(MethodView):
    @blp.doc(security=[BEARER])
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, TokenPageSchema)
    @token_required(ACCOUNT_SCOPE)
    def get(self, page: dict[str, Any]) -> Any:
        """Your API tokens, oldest first (the secrets themselves are never shown again)."""
        query = select(ApiToken).where(ApiToken.user_id == api_user().id)
        return keyset_page(query, ApiToken.id, page["after"], page["limit"])


@blp.route("/tokens/<id:token_id>")
class TokenById(MethodView):
    @blp.doc(security=[BEARER])
    @blp.response(204)
    @token_required(ACCOUNT_SCOPE)
    def delete(self, token_id: int) -> None:
        """Revoke one of your tokens (it stops working at once)."""
        token = session.get(ApiToken, token_id)
        if token is None or token.user_id != api_user().id:
            abort(404, message=_("There is no such token."))
        assert token is not None  # abort() does not return
        revoke_api_token(token, actor=api_user())
