"""An e-mail as Django's mail builds it, to JSON and back: what the outbox keeps between the
transaction that decided it and the worker that sends it."""

import base64
import hashlib

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME


def to_json(message: EmailMessage) -> dict:
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment  # MIMEBase parts are not used by the shop
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(part) for part in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def from_json(data: dict, *, key: str) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        # The same Message-ID at every attempt: a receiver that got it already can tell.
        headers={"Message-ID": message_id(key), **data["headers"]},
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def message_id(key: str) -> str:
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{DNS_NAME}>"


def recipient_digest(address: str) -> str:
    """Keys name a recipient without holding their address (kept after the e-mail is sent)."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()[:16]
