# Creates and publishes the benchmark's model through the catalog REST API; prints its id.
publish_model() { # hub-url cookie-jar upstream-base-url
  local hub=$1 jar=$2 upstream=$3
  curl -sf -b "$jar" -X POST -H 'Content-Type: application/json' "$hub/api/models" -d "{
    \"name\":\"bench\",\"title\":\"Bench echo\",\"description\":\"Fixed answer, for the gateway benchmark.\",
    \"tasks\":[\"CHAT\"],\"licence\":\"MIT\",\"contextLength\":8192,
    \"inputPricePerMillion\":0,\"outputPricePerMillion\":0,
    \"serving\":{\"kind\":\"EXTERNAL\",\"baseUrl\":\"$upstream\",\"upstreamModel\":\"bench\"},
    \"upstreamSecret\":\"bench-secret\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/' > /tmp/bench-model-id
  local id; id=$(cat /tmp/bench-model-id)
  curl -sf -b "$jar" -X POST "$hub/api/models/$id/publish" >/dev/null
  echo "$id"
}
