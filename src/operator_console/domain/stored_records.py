"""Checking stored records and signatures from their stored text, fast, with the exact answer.

A record is stored as the canonical JSON text of its content and that text's hash; a
signature as the strings of its facts and the hash of its canonical payload. As for the audit
chain (:mod:`~operator_console.domain.stored_chain`), each is first checked over bytes taken
straight from the stored strings, and only when that check fails is it parsed and checked
the exact way, whose answer stands. A fast check that succeeds has hashed the very bytes the
exact check hashes: a hash match means the stored text is the text hashed when it was
written (the record's whole canonical text; the signature's strings, each a JSON string
token that ends at its first unescaped quote).
"""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring

from operator_console.domain.canonical import content_hash
from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import (
    SIGNATURE_SCHEMA,
    AuthMethod,
    SignatureFacts,
    verify_signature,
)

#: The stored columns of a signature, in the order :func:`signature_verifies` takes them.
SIGNATURE_COLUMNS = ("record_id", "signer_id", "printed_name", "meaning", "signed_at",
                     "station", "auth_method", "content_hash", "signature_hash")
StoredSignature = tuple[str, str, str, str, str, str, str, str, str]

_BAD = (ValueError, TypeError, RecursionError)


def current_content_hash(content_json: str, stored_hash: str) -> str | None:
    """The hash of the record's content as stored now: ``stored_hash`` when the stored text
    hashes to it, else the hash of the parsed content (which then differs from it, unless
    only the text's form changed), None when the text is no longer JSON content."""
    try:
        if hashlib.sha256(content_json.encode("utf-8")).hexdigest() == stored_hash:
            return stored_hash
        return content_hash(json.loads(content_json))
    except _BAD:
        return None


def stored_payload(row: StoredSignature) -> bytes:
    """A signature's canonical payload (:func:`~operator_console.domain.signatures.
    signature_payload`) assembled from its stored strings, keys in canonical order."""
    q = encode_basestring
    return (f'{{"auth_method":{q(row[6])},"content_hash":{q(row[7])},"meaning":{q(row[3])},'
            f'"printed_name":{q(row[2])},"record_id":{q(row[0])},"schema":{SIGNATURE_SCHEMA},'
            f'"signed_at":{q(row[4])},"signer_id":{q(row[1])},"station":{q(row[5])}}}'
            ).encode()


def stored_facts(row: StoredSignature) -> SignatureFacts:
    """The signature's facts parsed from its stored row (the exact path; may raise
    ``ValueError`` for a row edited into something that is not a signature)."""
    return SignatureFacts(record_id=row[0], content_hash=row[7], signer_id=row[1],
                          printed_name=row[2], meaning=Meaning(row[3]),
                          signed_at=parse_utc_iso(row[4]), station=row[5],
                          auth_method=AuthMethod(row[6]))


def signature_verifies(row: StoredSignature, current_hash: str | None) -> bool:
    """True if the stored signature is intact and covers the record's content as it is now
    (``current_hash``, from :func:`current_content_hash`); the answer of
    :func:`~operator_console.domain.signatures.verify_signature`."""
    if current_hash is None or row[7] != current_hash:
        return False
    try:
        if hashlib.sha256(stored_payload(row)).hexdigest() == row[8]:
            return True
        return verify_signature(stored_facts(row), row[8], current_hash)
    except _BAD:
        return False
