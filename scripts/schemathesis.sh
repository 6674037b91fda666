#!/usr/bin/env bash
# Fuzzes the HTTP API against its own OpenAPI document with schemathesis (PyPI).
#
#   scripts/schemathesis.sh [MAX_EXAMPLES]        (default 25 examples per operation)
#
# Starts `mirsad serve` on a temporary store filled with the hand-built sample documents
# (crates/mirsad-store/tests/data/sample.jsonl), on a free loopback port, with rate limiting off
# and an ingest token so POST /api/documents is exercised too, then runs every schemathesis
# check. Needs: the `mirsad` binary (MIRSAD_BIN, default target/debug/mirsad; built if missing)
# and `schemathesis` (pip install schemathesis; installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_EXAMPLES="${1:-25}"
BIN="${MIRSAD_BIN:-target/debug/mirsad}"
if [ ! -x "$BIN" ]; then
  cargo build -q -p mirsad-cli
fi
if ! command -v schemathesis >/dev/null 2>&1; then
  python3 -m pip install -q schemathesis
fi
STORE="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
TOKEN="schemathesis-$(date +%s)"
cleanup() {
  if [ -n "${SERVER_PID:-}" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$STORE"
}
trap cleanup EXIT
"$BIN" ingest --analysed --store "$STORE" crates/mirsad-store/tests/data/sample.jsonl
MIRSAD_INGEST_TOKEN="$TOKEN" "$BIN" serve --store "$STORE" --addr "127.0.0.1:$PORT" --rate 0 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null
# run from the temp dir: schemathesis keeps its example database in ./.schemathesis
cd "$STORE"
schemathesis run "http://127.0.0.1:$PORT/api/openapi.json" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" \
  --header "Authorization: Bearer $TOKEN" \
  --request-timeout 10 \
  --seed 1
