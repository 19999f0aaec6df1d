"""Password hashing (argon2id) and token hashing.

argon2 is deliberately slow (tens of milliseconds of CPU and 64 MiB per call), so it runs on
the "passwords" pool of app/executors.py: never on the event loop, and never queued behind
other blocking work such as regex grading (which once made a login wait 29 s).
"""

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.executors import run_in

POOL = "passwords"

_hasher = PasswordHasher()
# Verified against when the email is unknown, so both failures cost the same time.
_DUMMY_HASH = _hasher.hash("evalforge-dummy-password")


def _hash(password: str) -> str:
    return _hasher.hash(password)


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


async def hash_password(password: str) -> str:
    return await run_in(POOL, _hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; an unknown user (None) costs one real verification too."""
    return await run_in(POOL, _verify, password_hash, password)


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
