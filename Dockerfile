# One container is the whole hub: WildFly (provisioned by the build) with the WAR deployed.
# Database: embedded H2 in /opt/hub/standalone/data/perspective by default; PostgreSQL with the
# PERSPECTIVE_DB_* variables (see README).

FROM maven:3.9-eclipse-temurin-25 AS build
# Node.js and npm: the build compiles the Solidity contracts with solcjs from npm (src/main/solidity)
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml ./
COPY wildfly-config wildfly-config
COPY db db
COPY src src
RUN mvn -B -ntp -DskipTests package \
 && target/server/bin/jboss-cli.sh --commands="embed-server --server-config=standalone.xml,deploy target/ROOT.war,stop-embedded-server" \
 && rm -rf target/server/standalone/tmp target/server/standalone/log target/server/standalone/configuration/standalone_xml_history \
 && mkdir -p target/server/standalone/data/perspective

FROM eclipse-temurin:25-jre
RUN groupadd --system hub && useradd --system --gid hub --home-dir /opt/hub hub
COPY --from=build --chown=hub:hub /src/target/server /opt/hub
USER hub
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.net.preferIPv4Stack=true"
EXPOSE 8080
# The hub's own data only (H2 database, search index, generated keys, chain state): the deployed WAR is
# kept in standalone/data/content, which must come from the image, or a volume from an older image
# would hide the new WAR's content and the server could not start.
VOLUME /opt/hub/standalone/data/perspective
# Readiness for orchestrators: GET /api/health (200 when the database answers, 503 when not).
ENTRYPOINT ["/opt/hub/bin/standalone.sh", "-b", "0.0.0.0"]
