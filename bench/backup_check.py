"""Checks that a restored copy of the shop holds the same orders, ledger and certificates as
the original: the same rows, byte for byte (a hash of every row, in key order, per table),
and the same media files (a SHA-256 of each), certificate scans and producer documents
included. Exits 1 and names what differs otherwise.

    python bench/backup_check.py SOURCE_DATABASE_URL RESTORED_DATABASE_URL \
        [SOURCE_MEDIA_DIR RESTORED_MEDIA_DIR]

Plain psycopg, no Django: it must run against any two databases, the app stopped.
"""

import hashlib
import sys
from pathlib import Path

import psycopg

# What must come back identical: orders and what hangs on them, payments and the producers'
# ledger, certificates and what they prove, and the reference data they point to.
TABLES = [
    "order_order",
    "order_line",
    "order_shippingaddress",
    "order_billingaddress",
    "order_shipment",
    "order_shipmentevent",
    "order_orderstatuschange",
    "payments_payment",
    "payments_banktransfer",
    "payments_refund",
    "payments_refundline",
    "payments_ledgerentry",
    "catalog_producer",
    "catalog_producerdocument",
    "catalog_certificate",
    "catalog_batch",
    "catalog_province",
    "catalog_commune",
    "catalogue_product",
    "partner_stockrecord",
    "auditlog_logentry",
]


def table_digest(connection, table: str) -> tuple[int, str]:
    """(rows, digest): an MD5 over each row's text form, in primary-key order."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
            " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
            " WHERE i.indrelid = %s::regclass AND i.indisprimary",
            [table],
        )
        key = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY t.\"{key}\"),"
            f" ''))"
            f' FROM "{table}" t'
        )
        return cursor.fetchone()


def media_digests(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def main(argv: list[str]) -> int:
    source_url, restored_url = argv[:2]
    different = []
    with psycopg.connect(source_url) as source, psycopg.connect(restored_url) as restored:
        for table in TABLES:
            before, after = table_digest(source, table), table_digest(restored, table)
            marker = "same" if before == after else "DIFFERENT"
            print(f"{table:28} {before[0]:>7} rows  {before[1]}  {marker}")
            if before != after:
                different.append(table)
        with source.cursor() as cursor:
            cursor.execute("SELECT scan FROM catalog_certificate WHERE scan <> ''")
            scans = [row[0] for row in cursor.fetchall()]
    if len(argv) == 4:
        media_before, media_after = media_digests(Path(argv[2])), media_digests(Path(argv[3]))
        same = media_before == media_after
        print(f"{'media files':28} {len(media_before):>7} files {'same' if same else 'DIFFERENT'}")
        if not same:
            different.append("media")
        missing = [scan for scan in scans if scan not in media_after]
        print(f"{'certificate scans restored':28} {len(scans) - len(missing):>7} of {len(scans)}")
        if missing:
            different.append(f"certificate scans missing: {missing[:5]}")
    if different:
        print("NOT IDENTICAL:", ", ".join(different))
        return 1
    print("IDENTICAL: orders, ledger, certificates and media came back unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
