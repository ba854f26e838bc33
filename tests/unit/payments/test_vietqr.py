"""The VietQR payload, read back field by field as a banking app reads it (EMVCo MPM),
its CRC checked by an independent implementation, and the QR image decoded by zxing."""

import io

import zxingcpp
from PIL import Image

from shop.payments import vietqr


def parse_tlv(data: str) -> dict:
    """EMVCo data objects: ID (2 digits), length (2 digits), value; in order."""
    fields, i = {}, 0
    while i < len(data):
        tag, length = data[i : i + 2], int(data[i + 2 : i + 4])
        fields[tag] = data[i + 4 : i + 4 + length]
        i += 4 + length
    assert i == len(data), "lengths must add up to the whole payload"
    return fields


def crc16_ccitt_false(data: bytes) -> int:
    """Bit by bit, as EMVCo Book (Annex: CRC) describes it: poly 0x1021, init 0xFFFF."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


PAYLOAD = vietqr.payload(
    bank_bin="970436", account="0011001234567", amount=638000, message="OCOP100001"
)


def test_crc_matches_the_standard_check_value():
    assert crc16_ccitt_false(b"123456789") == 0x29B1  # the CRC-16/CCITT-FALSE check value
    assert vietqr.crc16("123456789") == "29B1"


def test_payload_fields_are_those_of_a_napas_account_transfer():
    fields = parse_tlv(PAYLOAD)

    assert list(fields) == ["00", "01", "38", "53", "54", "58", "62", "63"]
    assert fields["00"] == "01"  # payload format indicator
    assert fields["01"] == "12"  # dynamic QR: one payment, with its amount
    merchant = parse_tlv(fields["38"])
    assert merchant["00"] == "A000000727"  # NAPAS
    assert parse_tlv(merchant["01"]) == {"00": "970436", "01": "0011001234567"}
    assert merchant["02"] == "QRIBFTTA"  # transfer to an account
    assert fields["53"] == "704"  # VND
    assert fields["54"] == "638000"  # whole dong, no decimals
    assert fields["58"] == "VN"
    assert parse_tlv(fields["62"]) == {"08": "OCOP100001"}  # the transfer message


def test_crc_covers_everything_up_to_and_including_its_own_tag():
    body, crc = PAYLOAD[:-4], PAYLOAD[-4:]
    assert body.endswith("6304")
    assert crc == f"{crc16_ccitt_false(body.encode()):04X}"
    tampered = body.replace("638000", "638001")
    assert vietqr.crc16(tampered) != crc


def test_transfer_message_keeps_what_banks_keep():
    assert vietqr.transfer_message("OCOP-100001 Đơn hàng") == "OCOP100001 Don hang"


def test_qr_image_decodes_back_to_the_payload():
    image = Image.open(io.BytesIO(vietqr.qr_png(PAYLOAD)))

    results = zxingcpp.read_barcodes(image)

    assert [r.text for r in results] == [PAYLOAD]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
