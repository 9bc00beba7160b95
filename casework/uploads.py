"""Checks on uploaded documents: type (by extension and the file's first bytes) and size. Pure: no writes."""

from __future__ import annotations

import os

from django.conf import settings

from mayoral_office.errors import ServiceError

ALLOWED_UPLOADS = {
    ".pdf": ("application/pdf", [b"%PDF"]),
    ".png": ("image/png", [b"\x89PNG"]),
    ".jpg": ("image/jpeg", [b"\xff\xd8\xff"]),
    ".jpeg": ("image/jpeg", [b"\xff\xd8\xff"]),
    ".gif": ("image/gif", [b"GIF8"]),
    ".doc": ("application/msword", [b"\xd0\xcf\x11\xe0"]),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [b"PK\x03\x04"]),
    ".msg": ("application/vnd.ms-outlook", [b"\xd0\xcf\x11\xe0"]),
    ".eml": ("message/rfc822", []),
}


def check_upload(upload) -> str:
    """Check an uploaded file's type and size; return its content type or raise ServiceError."""
    name = os.path.basename(upload.name or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_UPLOADS:
        raise ServiceError(f"{name or 'The file'} must be a PDF, image (PNG, JPG, GIF), Word document or email file")
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ServiceError(f"{name} must be smaller than {limit // (1024 * 1024)} MB")
    if upload.size == 0:
        raise ServiceError(f"{name} is empty")
    content_type, signatures = ALLOWED_UPLOADS[ext]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise ServiceError(f"{name} is not a real {ext[1:].upper()} file")
    if ext == ".eml" and b"\x00" in head:
        raise ServiceError(f"{name} is not a real email file")
    return content_type
