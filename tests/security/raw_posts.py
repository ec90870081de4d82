"""Requests as a careless client or an attacker sends them, past what the test client encodes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.test import Client

BOUNDARY = "tilts-fuzz-boundary"


def post_in_charset(
    client: Client, url: str, data: Mapping[str, Any], charset: str = "utf-7"
) -> Any:
    """POST `data` as multipart/form-data declared in `charset`. Django decodes every part in
    the declared charset, so UTF-7 carries lone surrogates ("\\ud800" is "+2AA-") into
    request.POST; the test client itself only sends UTF-8, which cannot hold them."""
    parts = []
    for key, value in data.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
            parts.append(head.encode() + str(item).encode(charset, "surrogatepass") + b"\r\n")
    body = b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()
    # The charset quoted: the test client then sends the bytes as they are.
    content_type = f'multipart/form-data; boundary={BOUNDARY}; charset="{charset}"'
    return client.post(url, body, content_type=content_type)
