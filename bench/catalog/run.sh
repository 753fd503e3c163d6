#!/usr/bin/env bash
# Catalog search benchmark (issue 3: "must stay fast with 100k models"). Starts the hub on
# PostgreSQL, publishes a few models through the API (the real code path, timed), seeds the rest of
# 100,000 varied model cards with SQL (seed.sql: deterministic), redeploys the WAR so the hub finds
# its search index stale and rebuilds it (Hibernate Search's mass indexer, as on any start), then
# measures GET /api/models with wrk: full-text queries, facet filters, sorts and deep pages, each
# alone and mixed, at several concurrencies. Prints req/s, p50/p99, the seed and index times and the
# index size on disk. Asserts nothing timed.
#
# Needs: JDK 25, Maven, PostgreSQL on 127.0.0.1:5432, wrk (apt). Run from anywhere:
#   bench/catalog/run.sh [seconds-per-run] [models]
# The hub listens on 8080 + HUB_PORT_OFFSET (default here 550).
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$(pwd)
SECONDS_PER_RUN=${1:-10}
MODELS=${2:-100000}
API_MODELS=200
DB=perspective_bench_catalog
export HUB_PORT_OFFSET=${HUB_PORT_OFFSET:-550}
. "$BENCH/../lib/hub.sh"
command -v wrk >/dev/null || { echo "install wrk: apt-get install -y wrk" >&2; exit 1; }
sql() { psql -h 127.0.0.1 -U postgres -tAq -c "$1" $DB; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }
total() { curl -sf "$HUB/api/models?limit=1" | sed 's/.*"total":\([0-9]*\).*/\1/'; }

echo "== preparing: PostgreSQL database $DB and the hub on $HUB"
start_hub $DB

echo
echo "== seeding"
curl -sf -b "$JAR" -X POST -H 'Content-Type: application/json' "$HUB/api/accounts/$ADMIN_ID/roles" -d '{"role":"CREATOR"}' >/dev/null
curl -sf -c "$JAR" -o /dev/null -X POST "$HUB/auth/login" -d 'username=bench@example.com&password=bench+password+1'
t=$(now)
for i in $(seq 1 $API_MODELS); do
  name="api-model-$i"
  curl -sf -o /dev/null -b "$JAR" -X POST -H 'Content-Type: application/json' "$HUB/api/models" -d "{\"name\":\"$name\",
    \"title\":\"Bench API model $i for support tickets\",\"description\":\"Published through the API by the benchmark.\",
    \"tasks\":[\"chat\"],\"licence\":\"Apache-2.0\",\"contextLength\":8192,\"inputPricePerMillion\":$((i * 1000000000000)),
    \"outputPricePerMillion\":$((i * 2000000000000)),\"serving\":{\"kind\":\"EXTERNAL\",\"baseUrl\":\"https://api.example.com/v1\",
    \"upstreamModel\":\"m$i\"}}"
  curl -sf -o /dev/null -b "$JAR" -X POST "$HUB/api/models/bench/$name/publish"
done
api_secs=$(since "$t")
echo "API: $API_MODELS models created and published in ${api_secs}s (one client, curl per request)"

t=$(now)
psql -h 127.0.0.1 -U postgres -q -v models=$((MODELS - API_MODELS)) -f "$BENCH/seed.sql" $DB
seed_secs=$(since "$t")
published=$(sql "select count(*) from catalog_model where status = 'PUBLISHED'")
echo "SQL: $(sql "select count(*) from catalog_model") models ($published published, $(sql "select count(*) from catalog_creator") creators) in ${seed_secs}s"

# a new deployment checks the index against the database and rebuilds it in the background
rebuilt() { grep -c "Catalog search index rebuilt" "$BASE/log/server.log" || true; }
before=$(rebuilt)
t=$(now)
"$ROOT/target/server/bin/jboss-cli.sh" -c --controller=127.0.0.1:$MGMT --command="deploy $ROOT/target/ROOT.war --force" >/dev/null
deploy_secs=$(since "$t")
for _ in $(seq 1 1800); do [ "$(rebuilt)" -gt "$before" ] && break; sleep 1; done
index_secs=$(since "$t")
[ "$(total)" = "$published" ] || { echo "the index has $(total) of $published published models" >&2; exit 1; }
echo "index: rebuilt (and merged to one segment) ${index_secs}s after the redeployment began (deployment ${deploy_secs}s);" \
  "$(du -sh "$BASE/data/perspective/search" | cut -f1) on disk"
grep -E "HSEARCH000028|Mass indexing speed" "$BASE/log/server.log" | tail -2 | sed 's/.*HSEARCH0000[0-9]*: //' || true

# the requests: full text, facets, sorts and deep pages
cat > "$BASE/text.paths" <<'PATHS'
/api/models?q=chat
/api/models?q=legal+contracts
/api/models?q=summarize
/api/models?q=german+customer+support
/api/models?q=embeddings
/api/models?q=multilingual+embed
/api/models?q=python+code
/api/models?q=medical+notes+korean
/api/models?q=financial+reports
/api/models?q=llama+instruct
/api/models?q=qwen+7b
/api/models?q=sentiment
/api/models?q=japanese+translation
/api/models?q=rerank+search
/api/models?q=charts+images
/api/models?q=json+schema
/api/models?q=invoices
/api/models?q=insurance+claims
/api/models?q=recipes+spanish
/api/models?q=fraud+anomalies
/api/models?q=low+latency+streaming
/api/models?q=mistral
/api/models?q=edge+devices
/api/models?q=redacts+personal+data
/api/models?q=zzzunknownword
/api/models?q=code*
/api/models?q=%22long+documents%22
/api/models?q=support+tickets
PATHS
cat > "$BASE/facets.paths" <<'PATHS'
/api/models
/api/models?task=chat
/api/models?task=embeddings
/api/models?task=rerank&licence=MIT
/api/models?licence=Apache-2.0&licence=MIT
/api/models?licence=Llama-3&task=chat
/api/models?creator=sage-models-1
/api/models?creator=polar-ml-2&task=chat
/api/models?maxInputPrice=100000000000000
/api/models?task=vision&maxInputPrice=1000000000000000
/api/models?q=legal&task=chat&licence=Apache-2.0
/api/models?q=summarize&task=classification
/api/models?task=completion&licence=Proprietary&licence=Gemma
/api/models?creator=sage-models-1&creator=deep-ml-3&licence=MIT
PATHS
cat > "$BASE/sorts.paths" <<'PATHS'
/api/models?sort=most_used
/api/models?sort=newest
/api/models?sort=cheapest
/api/models?q=chat&sort=most_used
/api/models?q=summarize&sort=cheapest
/api/models?task=embeddings&sort=cheapest
/api/models?q=code&sort=newest&offset=20
/api/models?sort=newest&offset=1000
/api/models?sort=most_used&offset=100&limit=50
/api/models?task=chat&sort=most_used&offset=9980
/api/models?licence=MIT&sort=cheapest&limit=100
PATHS
cat "$BASE"/text.paths "$BASE"/facets.paths "$BASE"/sorts.paths > "$BASE/mixed.paths"
# 1,431 distinct searches (every word, every pair of words, each with one of six filter sets): each is
# asked once in a run, so none finds its facet counts cached
awk 'BEGIN {
  n = split("llama mistral qwen phi gemma falcon bert e5 bge t5 clip llava starcoder deepseek granite zephyr " \
    "legal contracts medical notes financial reports code papers product news essays sql recipes travel insurance " \
    "invoices patent dialogue chemistry transcripts german french japanese korean spanish multilingual " \
    "summarize answers extracts classifies translates drafts ranks redacts detects streaming quantized", w, " ")
  f[0] = ""; f[1] = "&task=chat"; f[2] = "&licence=MIT"; f[3] = "&sort=cheapest&task=completion"
  f[4] = "&task=embeddings&sort=newest"; f[5] = "&maxInputPrice=1000000000000000"
  for (i = 1; i <= n; i++) print "/api/models?q=" w[i] f[i % 6]
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) print "/api/models?q=" w[i] "+" w[j] f[(i + j) % 6]
}' > "$BASE/distinct.paths"
sed 's/$/\&limit=50/; s#/api/models&#/api/models?#' "$BASE/mixed.paths" | grep -v 'limit=.*limit=' > "$BASE/page50.paths"

JAVA_PID=$(pgrep -f "java.*jboss.server.base.dir=$BASE" | head -1)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$JAVA_PID/stat"; }
run() { # name paths connections
  local c0; c0=$(cpu_ticks)
  BENCH_PATHS="$BASE/$2.paths" wrk -t"$(( $3 < 2 ? 1 : 2 ))" -c"$3" -d"${SECONDS_PER_RUN}s" --latency -s "$BENCH/search.lua" "$HUB" > "$BASE/wrk-$1.txt"
  local n; n=$(awk '/requests in/ {print $1}' "$BASE/wrk-$1.txt")
  printf '%-14s c=%-3s %8s req/s   p50 %8s   p99 %8s   hub CPU %5s ms/request   requests %s, non-200 %s\n' "$1" "$3" \
    "$(awk '/Requests\/sec/ {print $2}' "$BASE/wrk-$1.txt")" "$(awk '$1=="50%" {print $2}' "$BASE/wrk-$1.txt")" \
    "$(awk '$1=="99%" {print $2}' "$BASE/wrk-$1.txt")" \
    "$(awk -v a="$c0" -v b="$(cpu_ticks)" -v n="$n" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) * 1000 / t / n}')" \
    "$n" "$(awk '/non-200/ {print $2}' "$BASE/wrk-$1.txt")"
}

echo
echo "== warming up (${SECONDS_PER_RUN}s, not counted)"
run warm-up mixed 8 >/dev/null
c0=$(cpu_ticks); sleep 5
echo "hub CPU while idle: $(awk -v a="$c0" -v b="$(cpu_ticks)" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", (b - a) * 1000 / t / 5}') ms per second (included in the ms/request below)"
echo
echo "== GET /api/models over $published published models, wrk 2 threads (1 for c=1), ${SECONDS_PER_RUN}s each"
run text text 8
run distinct distinct 8
run facets facets 8
run sorts sorts 8
run mixed-1 mixed 1
run mixed-8 mixed 8
run mixed-32 mixed 32
run mixed-limit50 page50 8
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
