"""localstripe (a fake Stripe server, on PyPI) on a free loopback port, for the real
`stripe` library to talk to. It creates PaymentIntents and refunds; it does not check
Idempotency-Key headers, implement Checkout Sessions, or confirm server-side with a
payment_method, so tests confirm the way Stripe.js does: attach a card, then confirm."""

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time

WEBHOOK_SECRET = "whsec_test_ocop"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_localstripe():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "localstripe", "--port", str(port), "--from-scratch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("localstripe exited while starting") from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("localstripe did not start within 20 s")


def signed(payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """A Stripe-Signature header, computed the way Stripe signs webhooks."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def event(event_id: str, event_type: str, intent: dict, *, created: int | None = None) -> bytes:
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": event_type,
            "created": created or int(time.time()),
            "api_version": "2024-06-20",
            "data": {"object": intent},
        }
    ).encode()
