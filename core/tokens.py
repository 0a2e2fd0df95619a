"""Secrets for links and API calls: 256 random bits, stored only as a SHA-256 digest.

A plain digest suffices here (unlike passwords): with 256 random bits there is nothing to
brute-force, and an equality lookup on the digest finds the token without timing leaks.
"""

import hashlib
import secrets


def new_secret(prefix: str) -> str:
    """A fresh secret; the prefix makes a leaked one recognisable (e.g. in a scanner)."""
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """What is stored of a secret."""
    return hashlib.sha256(secret.encode()).hexdigest()
