"""VietQR bank transfer: the NAPAS interbank QR (EMVCo merchant-presented format) that
every Vietnamese banking app scans, filled with the shop's account, the exact amount and
the order's payment reference in the message. The order waits, "awaiting transfer",
until staff reconcile the money (shop/payments/reconcile.py) or it expires."""

import binascii
import datetime
import io
import re
import unicodedata

import segno
from django.conf import settings
from django.utils.translation import gettext_lazy

from shop.payments.base import PaymentMethod

# EMVCo MPM tags used by VietQR (NAPAS "VietQR" specification, version 1.x).
PAYLOAD_FORMAT = "00"
POINT_OF_INITIATION = "01"
MERCHANT_ACCOUNT_VIETQR = "38"
CURRENCY = "53"
AMOUNT = "54"
COUNTRY = "58"
ADDITIONAL_DATA = "62"
CRC = "63"
NAPAS_GUID = "A000000727"
SERVICE_ACCOUNT_TRANSFER = "QRIBFTTA"  # transfer to an account number (…TC: to a card)
VND_NUMERIC = "704"  # ISO 4217


def tlv(tag: str, value: str) -> str:
    """One EMVCo data object: two-digit tag, two-digit length, value."""
    if len(value) > 99:
        raise ValueError(f"EMVCo value too long for tag {tag}: {value!r}")
    return f"{tag}{len(value):02d}{value}"


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, initial 0xFFFF) as EMVCo requires, 4 hex digits.
    binascii.crc_hqx is exactly that polynomial; the initial value is the argument."""
    return f"{binascii.crc_hqx(data.encode('utf-8'), 0xFFFF):04X}"


def transfer_message(reference: str) -> str:
    """What a bank keeps of a transfer message: ASCII letters, digits and spaces."""
    text = reference.replace("đ", "d").replace("Đ", "D")  # đ has no decomposition
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9 ]", "", ascii_text)[:25]


def payload(*, bank_bin: str, account: str, amount: int, message: str) -> str:
    """The VietQR string for a transfer of `amount` VND to `account` at bank `bank_bin`."""
    beneficiary = tlv("00", bank_bin) + tlv("01", account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_ACCOUNT_TRANSFER)
    body = (
        tlv(PAYLOAD_FORMAT, "01")
        + tlv(POINT_OF_INITIATION, "12")  # dynamic: for one payment, with its amount
        + tlv(MERCHANT_ACCOUNT_VIETQR, merchant)
        + tlv(CURRENCY, VND_NUMERIC)
        + tlv(AMOUNT, str(int(amount)))
        + tlv(COUNTRY, "VN")
        + tlv(ADDITIONAL_DATA, tlv("08", transfer_message(message)))  # 08: purpose
        + CRC
        + "04"
    )
    return body + crc16(body)


def payload_for(payment) -> str:
    return payload(
        bank_bin=settings.VIETQR_BANK_BIN,
        account=settings.VIETQR_ACCOUNT_NUMBER,
        amount=payment.amount_outstanding or payment.amount,
        message=payment.reference,
    )


def qr_png(data: str, *, scale: int = 6) -> bytes:
    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_data_uri(data: str) -> str:
    return segno.make(data, error="m", micro=False).png_data_uri(scale=6, border=4)


class VietQRTransfer(PaymentMethod):
    code = "vietqr"
    name = gettext_lazy("Bank transfer (VietQR)")
    description = gettext_lazy("Scan the QR code with your banking app; we ship once it arrives.")

    def is_configured(self) -> bool:
        return bool(settings.VIETQR_BANK_BIN and settings.VIETQR_ACCOUNT_NUMBER)

    def expires_at(self, *, placed_at):
        return placed_at + datetime.timedelta(hours=settings.VIETQR_EXPIRY_HOURS)


def bank_details() -> dict:
    return {
        "bank_name": settings.VIETQR_BANK_NAME,
        "bank_bin": settings.VIETQR_BANK_BIN,
        "account_number": settings.VIETQR_ACCOUNT_NUMBER,
        "account_name": settings.VIETQR_ACCOUNT_NAME,
        "demo": settings.VIETQR_DEMO,
    }
