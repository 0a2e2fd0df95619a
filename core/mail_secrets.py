"""Links in queued mail never rest readable in the database.

Tracking, seller and password-reset links are keys: whoever reads them acts as their owner. A
queued message keeps its text with each link replaced by a placeholder, and the links themselves
encrypted (Fernet, with a key derived by HKDF from SECRET_KEY) in `sealed_links` until the message
is sent; then they are dropped. Every link is sealed, not only the secret ones: a template that
gains a new kind of secret link is covered without anyone remembering to list it.
"""

from __future__ import annotations

import base64
import json
import re

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

LINK = re.compile(r"https?://[^\s<>\"']+")
PLACEHOLDER = re.compile(r"\[redress-link-(\d+)\]")
REMOVED = "[link removed]"


class SealedLinksLost(ValueError):
    """The links cannot be read back (SECRET_KEY changed since the message was queued)."""


def _fernet(secret_key: str) -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"redress outbox links"
    ).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal_links(body: str, secret_key: str) -> tuple[str, str | None]:
    """The body with placeholders for its links, and the links encrypted (None: no links)."""
    links: list[str] = []

    def placeholder(found: re.Match[str]) -> str:
        links.append(found.group(0))
        return f"[redress-link-{len(links)}]"

    text = LINK.sub(placeholder, body)
    if not links:
        return body, None
    return text, _fernet(secret_key).encrypt(json.dumps(links).encode()).decode()


def unseal_links(body: str, sealed: str | None, secret_key: str) -> str:
    """The body as it is to be sent, its links put back."""
    if sealed is None:
        return body
    try:
        links = json.loads(_fernet(secret_key).decrypt(sealed.encode()))
    except InvalidToken as exc:
        raise SealedLinksLost("the links of this message cannot be decrypted") from exc

    def link(found: re.Match[str]) -> str:
        number = int(found.group(1))
        return str(links[number - 1]) if 0 < number <= len(links) else found.group(0)

    return PLACEHOLDER.sub(link, body)


def without_links(body: str) -> str:
    """The body as kept once sent: placeholders stay, any readable link is removed (mail
    queued before links were sealed)."""
    return LINK.sub(REMOVED, body)
