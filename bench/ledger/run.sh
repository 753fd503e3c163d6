#!/usr/bin/env bash
# Ledger benchmark: postings per second committed to PostgreSQL through the hub's ledger API over
# HTTP, side by side: one client (admin grants, one posted transfer per request), 16 concurrent
# clients (the ledger's single writer commits what they queued together), and bulk requests
# (POST /api/ledger/transfers/batch, BENCH_BATCH transfers each, 4 clients); then the cost of
# serving a Merkle proof. First the writer alone, in process (LedgerWriterBench: one client, 16,
# bulk, and charges = hold + settlement with three shares), with its CPU cost per posting. Every
# figure counts transfers committed in the database, not requests.
# Prints figures; asserts nothing timed. Target in the issue: >= 20,000 postings/s on 2 cores.
#
# Needs: JDK 25, Maven, PostgreSQL on 127.0.0.1:5432, wrk and hey (apt). Run from anywhere:
#   bench/ledger/run.sh [seconds-per-run]      (BENCH_BATCH=500, HUB_PORT_OFFSET=300 by default)
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$(pwd)
SECONDS_PER_RUN=${1:-10}
BATCH=${BENCH_BATCH:-500}
DB=perspective_bench_ledger
. "$BENCH/../lib/hub.sh"
command -v wrk >/dev/null && command -v hey >/dev/null || { echo "install wrk and hey: apt-get install -y wrk hey" >&2; exit 1; }

echo "== the ledger's writer alone: in process on PostgreSQL (database perspective_bench_writer), no server or HTTP, ${SECONDS_PER_RUN}s each"
(cd "$ROOT" && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null)
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists perspective_bench_writer with (force)" \
  -c "create database perspective_bench_writer" postgres >/dev/null
(cd "$ROOT" && "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" \
  ai.perspective.rewards.application.LedgerWriterBench jdbc:postgresql://127.0.0.1:5432/perspective_bench_writer "$SECONDS_PER_RUN" 2>/dev/null)

echo
echo "== preparing: PostgreSQL database $DB and the hub"
start_hub $DB
COOKIE=$(awk '$6 == "JSESSIONID" {print "JSESSIONID=" $7}' "$JAR")
posted() { psql -h 127.0.0.1 -U postgres -tA -c "select count(*) from rewards_transfer where memo = 'bench'" $DB; }
for _ in $(seq 1 200); do
  curl -s -o /dev/null -b "$JAR" -X POST -H 'Content-Type: application/json' "$HUB/api/ledger/grants" \
    -d "{\"account\":\"$ADMIN_ID\",\"amount\":\"1\",\"memo\":\"bench\"}"
done

run() { # name connections threads [script path]
  local before after script=${4:-grant.lua} path=${5:-api/ledger/grants}
  before=$(posted)
  BENCH_COOKIE="$COOKIE" BENCH_ACCOUNT="$ADMIN_ID" BENCH_BATCH="$BATCH" \
    wrk -t"$3" -c"$2" -d"${SECONDS_PER_RUN}s" --latency -s "$BENCH/$script" "$HUB/$path" > "$BASE/wrk-$1.txt"
  after=$(posted)
  printf '%-11s %8s postings/s committed (wrk: %s req/s, p50 %s, p99 %s, non-2xx %s)\n' "$1" \
    "$(( (after - before) / SECONDS_PER_RUN ))" "$(awk '/Requests\/sec/ {print $2}' "$BASE/wrk-$1.txt")" \
    "$(awk '$1=="50%" {print $2}' "$BASE/wrk-$1.txt")" "$(awk '$1=="99%" {print $2}' "$BASE/wrk-$1.txt")" \
    "$(awk '/Non-2xx/ {print $5}' "$BASE/wrk-$1.txt" | grep . || echo 0)"
}

echo
echo "== postings over HTTP, ${SECONDS_PER_RUN}s each (single/concurrent: one grant per request; batch: $BATCH transfers per request)"
run single 1 1
run concurrent 16 2
run batch 4 2 batch.lua api/ledger/transfers/batch

echo
echo "== proofs: seal a batch, then GET /api/ledger/transfers/{id}/proof, 4 clients, ${SECONDS_PER_RUN}s"
curl -sf -b "$JAR" -X POST "$HUB/api/ledger/batches" -o /dev/null || true
id=$(psql -h 127.0.0.1 -U postgres -tA -c "select t.id from rewards_transfer t join rewards_batch_entry e on e.transfer_id = t.id limit 1" $DB)
batch=$(psql -h 127.0.0.1 -U postgres -tA -c "select count(*) from rewards_batch_entry e where e.batch_id = (select batch_id from rewards_batch_entry where transfer_id = '$id')" $DB)
hey -z "${SECONDS_PER_RUN}s" -c 4 -H "Cookie: $COOKIE" "$HUB/api/ledger/transfers/$id/proof" > "$BASE/hey-proof.txt"
echo "proof of one transfer in a batch of $batch: $(awk '/Requests\/sec/ {print $2}' "$BASE/hey-proof.txt") proofs/s," \
  "p50 $(awk '/50% in/ {print $3}' "$BASE/hey-proof.txt") s, p99 $(awk '/99% in/ {print $3}' "$BASE/hey-proof.txt") s"
