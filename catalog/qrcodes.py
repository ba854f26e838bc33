"""QR stamps (tem QR) that open a batch's public trace page."""

import io

import segno


def trace_qr(url: str, *, kind: str) -> bytes:
    """PNG or SVG of a QR code for `url`, with error correction that survives a scuffed
    label (level Q) and the quiet zone scanners need."""
    qr = segno.make(url, error="q", micro=False)
    out = io.BytesIO()
    if kind == "svg":
        qr.save(out, kind="svg", scale=8, border=4, xmldecl=True, svgns=True)
    else:
        qr.save(out, kind="png", scale=8, border=4)
    return out.getvalue()
