"""The external guests box (one guest a line, with an email address if they are to be sent the invitation): the
addresses in it, checked with Django's own EmailValidator. No writes."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

_validate = EmailValidator()
# What separates an address from the rest of its line: "Jo Bloggs <jo@example.org>, Age UK".
_SEPARATORS = re.compile(r"[\s,;<>()\[\]\"]+")


def _candidates(text: str):
    """(line number, word) for each word with an @ in it: what the officer meant as an address."""
    for number, line in enumerate((text or "").splitlines(), start=1):
        for word in _SEPARATORS.split(line):
            word = word.strip(".:'")
            if "@" in word:
                yield number, word


def guest_emails(text: str) -> set[str]:
    """The valid email addresses written in the external guests box, lower-cased."""
    found = set()
    for _, word in _candidates(text):
        try:
            _validate(word)
        except ValidationError:
            continue
        found.add(word.lower())
    return found


def validate_guest_emails(text: str) -> None:
    """Every address in the box is a real email address; the message names the first that is not."""
    for number, word in _candidates(text):
        try:
            _validate(word)
        except ValidationError:
            raise ValidationError(
                f"“{word}” (guest on line {number}) is not a valid email address. Write it like name@example.org, "
                "or leave the address out",
                code="invalid_guest_email",
            ) from None
