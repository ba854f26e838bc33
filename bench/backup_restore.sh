#!/usr/bin/env bash
# Back up the shop and prove the backup restores: pg_dump of the database and a tar of the
# media files, restored into a scratch database and a scratch folder, then compared with
# the original (bench/backup_check.py: every row of the orders, ledger and certificates
# tables, and every media file, identical). docs/RELIABILITY.md shows a run.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop MEDIA_ROOT=media bench/backup_restore.sh
#
# Optional: BACKUP_DIR (default $TMPDIR/ocop-backups/<UTC time>; keep it off this machine), SCRATCH_DB (default <db>_restore_check;
# dropped and made again), KEEP_SCRATCH=1 to keep the restored copy for inspection.
# pg_dump reads one consistent snapshot, so the shop may keep serving during the backup.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database of the shop}"
MEDIA_ROOT=${MEDIA_ROOT:-media}
HERE=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$HERE/.venv/bin/python}
BACKUP_DIR=${BACKUP_DIR:-${TMPDIR:-/tmp}/ocop-backups/$(date -u +%Y%m%dT%H%M%SZ)}
server=${DATABASE_URL%/*}
source_db=${DATABASE_URL##*/}
SCRATCH_DB=${SCRATCH_DB:-${source_db}_restore_check}
scratch_url="$server/$SCRATCH_DB"

mkdir -p "$BACKUP_DIR"
echo "== backup to $BACKUP_DIR"
start=$(date +%s.%N)
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" \
  --file="$BACKUP_DIR/db.dump"
tar -C "$MEDIA_ROOT" -czf "$BACKUP_DIR/media.tar.gz" .
(cd "$BACKUP_DIR" && sha256sum db.dump media.tar.gz > SHA256SUMS)
printf "backup took %.1f s: " "$(echo "$(date +%s.%N) - $start" | bc)"
du -h "$BACKUP_DIR/db.dump" "$BACKUP_DIR/media.tar.gz" | tr '\n' ' '; echo

echo "== restore into database $SCRATCH_DB and a scratch media folder"
start=$(date +%s.%N)
(cd "$BACKUP_DIR" && sha256sum --check --quiet SHA256SUMS)
psql --quiet "$server/postgres" -c "DROP DATABASE IF EXISTS \"$SCRATCH_DB\"" \
  -c "CREATE DATABASE \"$SCRATCH_DB\""
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$scratch_url" \
  "$BACKUP_DIR/db.dump"
restored_media=$(mktemp -d)
tar -C "$restored_media" -xzf "$BACKUP_DIR/media.tar.gz"
printf "restore took %.1f s\n" "$(echo "$(date +%s.%N) - $start" | bc)"

echo "== compare"
status=0
"$PYTHON" "$HERE/bench/backup_check.py" "$DATABASE_URL" "$scratch_url" "$MEDIA_ROOT" \
  "$restored_media" || status=$?

rm -rf "$restored_media"
if [ -z "${KEEP_SCRATCH:-}" ]; then
  psql --quiet "$server/postgres" -c "DROP DATABASE IF EXISTS \"$SCRATCH_DB\""
fi
exit $status
