"""A real SMTP server in the test process (aiosmtpd), for the tests in which the mail
server is down, then back: what it received is what a shopper would find in their inbox."""

import email
import email.policy
import socket
import threading
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A port nobody listens on (yet): the mail server is down until started on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """`with MailServer(port) as server:` receives on 127.0.0.1:port; server.messages are
    the parsed e-mails, in the order they arrived."""

    def __init__(self, port: int):
        self.port = port
        self.messages: list[Message] = []
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  aiosmtpd's name
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [message for message in self.messages if address in message["To"]]

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc_info):
        self._controller.stop()
