#!/usr/bin/env bash
# Routes every line of FILE.jsonl ({"text": "...", "domain": "<domain or oos>"}) with the real router
# (ai.perspective.routing.application.RoutingService + in-process all-MiniLM-L6-v2), configured with the
# CLINC150 fixture catalog (bench/routing/clinc150-catalog.json: ten domain specialists whose example
# prompts are the domain's training utterances, and one general model). No server, no network.
# The last line printed is: in_scope_accuracy=<0..1> oos_recall=<0..1> p50_ms=<x> p99_ms=<y>
#
#   bench/routing-eval.sh bench/routing/clinc150-val.jsonl
#
# ROUTING_FALLBACK_BUDGET=0.01 overrides the default fallback budget (RoutingSetup.DEFAULT_FALLBACK_BUDGET).
# Builds the test classes with Maven (offline) first when they are missing or older than the sources.
set -euo pipefail
if [ $# -ne 1 ]; then
    echo "usage: $0 FILE.jsonl" >&2
    exit 2
fi
lines=$(realpath "$1")
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
catalog=${ROUTING_CATALOG:-bench/routing/clinc150-catalog.json}
classpath_file=target/routing-eval.classpath
main=target/test-classes/ai/perspective/routing/bench/RoutingEval.class

# the classpath file, written by every build, is the stamp: Maven leaves unchanged classes' dates alone
if [ ! -f "$main" ] || [ ! -f "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ] \
        || [ -n "$(find src/main/java src/test/java -newer "$classpath_file" -name '*.java' -print -quit)" ]; then
    echo "building (mvn -o test-compile) ..." >&2
    mvn -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$classpath_file" >&2
fi

exec "$JAVA_HOME/bin/java" -Xmx2g --enable-native-access=ALL-UNNAMED -Dslf4j.internal.verbosity=WARN \
    -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
    ${ROUTING_FALLBACK_BUDGET:+-Drouting.eval.fallbackBudget=$ROUTING_FALLBACK_BUDGET} \
    ai.perspective.routing.bench.RoutingEval "$catalog" "$lines"
