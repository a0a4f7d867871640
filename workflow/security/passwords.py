"""Password hashing with scrypt (hashlib), in a self-describing string format."""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from importlib import resources

from workflow.errors import BadInput

N, R, P = 2**14, 8, 1
MIN_LENGTH = 12


def secret_digest(secret: str) -> str:
    """SHA-256 (hex) of a random server-made secret (a session key, an API token): what the
    database keeps instead of the secret. No salt or scrypt needed: the secret is 256 random
    bits, not something a person chose."""
    return hashlib.sha256(secret.encode()).hexdigest()


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` for a new random salt."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def check_password(stored: str, password: str) -> bool:
    """True if ``password`` matches ``stored``; constant-time comparison."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(
        password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(candidate.hex(), digest)


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of passwords refused at any length (read on first use)."""
    text = (
        resources.files("workflow.security")
        .joinpath("data/common-passwords.txt")
        .read_text("utf-8")
    )
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def check_strength(password: str, name: str) -> None:
    """BadInput unless the password is long enough, not common, and not the user's name."""
    if len(password) < MIN_LENGTH:
        raise BadInput(
            "password must have at least %(MIN_LENGTH)s characters",
            MIN_LENGTH=MIN_LENGTH,
            field="password",
        )
    lowered = password.lower()
    if lowered in common_passwords():
        raise BadInput("this password is on the list of common passwords", field="password")
    if name and name.lower() in lowered:
        raise BadInput("a password must not contain the user name", field="password")


def generate_password() -> str:
    """A random password for demo and new users, long enough for the length rule."""
    return secrets.token_urlsafe(12)
