# Shared by the benchmark scripts: the provisioned hub on PostgreSQL in a base dir of its own
# (port offset $HUB_PORT_OFFSET, default 300; heap $JBOSS_JAVA_SIZING, default 1 GB as a production hub would have),
# rebuilt first when any source is newer than the WAR, and an administrator logged in with a cookie jar. Source it; it defines:
#   start_hub DB        fresh database DB, hub started and the WAR deployed; sets HUB, JAR, ADMIN_ID
#   stop_hub            shuts the hub down and ends what the script put in PIDS (run on EXIT)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OFFSET=${HUB_PORT_OFFSET:-300}
HUB=http://127.0.0.1:$((8080 + OFFSET))
MGMT=$((9990 + OFFSET))
PIDS=()

stop_hub() {
  "$ROOT/target/server/bin/jboss-cli.sh" -c --controller=127.0.0.1:$MGMT --command=:shutdown >/dev/null 2>&1 || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}

trap stop_hub EXIT

start_hub() { # database-name
  local db=$1 base=$ROOT/target/bench-$1
  # a WAR older than any source or the pom would measure old code
  if [ ! -f "$ROOT/target/ROOT.war" ] || [ ! -d "$ROOT/target/server" ] \
      || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$ROOT/target/ROOT.war" -print -quit)" ]; then
    (cd "$ROOT" && mvn -B -q -DskipTests package)
  fi
  psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $db with (force)" -c "create database $db" postgres >/dev/null
  rm -rf "$base" && mkdir -p "$base"
  cp -r "$ROOT/target/server/standalone/configuration" "$base/configuration"
  sed -i 's#<deployments>.*</deployments>##' "$base/configuration/standalone.xml"
  PERSPECTIVE_DB_KIND=postgresql PERSPECTIVE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db \
  PERSPECTIVE_DB_USER=postgres PERSPECTIVE_DB_PASSWORD=postgres \
  JBOSS_JAVA_SIZING="${JBOSS_JAVA_SIZING:--Xms1g -Xmx1g}" \
    "$ROOT/target/server/bin/standalone.sh" -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset=$OFFSET >"$base/console.log" 2>&1 & PIDS+=($!)
  for _ in $(seq 1 120); do
    "$ROOT/target/server/bin/jboss-cli.sh" -c --controller=127.0.0.1:$MGMT --command=":read-attribute(name=server-state)" 2>/dev/null | grep -q running && break
    sleep 1
  done
  "$ROOT/target/server/bin/jboss-cli.sh" -c --controller=127.0.0.1:$MGMT --command="deploy $ROOT/target/ROOT.war --force" >/dev/null
  # the first account of an empty hub is its administrator
  JAR="$base/cookies"
  curl -sf -X POST -H 'Content-Type: application/json' "$HUB/api/accounts" \
    -d '{"email":"bench@example.com","displayName":"Bench","password":"bench password 1"}' >/dev/null
  curl -sf -c "$JAR" -o /dev/null -X POST "$HUB/auth/login" -d 'username=bench@example.com&password=bench+password+1'
  ADMIN_ID=$(curl -sf -b "$JAR" "$HUB/api/accounts/me" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  BASE=$base
}
