# Relais as a container: the boot jar on a JRE. External PostgreSQL and Redis come from the environment
# (see docker-compose.yml); the embedded default is for development.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY routes routes
COPY processes processes
COPY config config
RUN mvn -B -q package -DskipTests
# the jar unpacked (the application jar beside its lib/): a class data sharing archive maps classes from jars only
RUN java -Djarmode=tools -jar target/relais-*.jar extract --destination /src/app \
 && mv /src/app/relais-*.jar /src/app/relais.jar

FROM eclipse-temurin:17-jre
# pg_dump/pg_restore for the backups: the PostgreSQL project's client 15 (the server's major version; Ubuntu's is 14)
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates gnupg \
 && curl -fsSL https://www.postgresql.org/media/keys/ACCC4CF8.asc | gpg --dearmor -o /usr/share/keyrings/pgdg.gpg \
 && echo "deb [signed-by=/usr/share/keyrings/pgdg.gpg] http://apt.postgresql.org/pub/repos/apt $(. /etc/os-release; echo $VERSION_CODENAME)-pgdg main" \
      > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update && apt-get install -y --no-install-recommends postgresql-client-15 \
 && apt-get purge -y gnupg && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home /app relais
WORKDIR /app
COPY --from=build /src/app /app/relais
COPY routes /app/routes
COPY processes /app/processes
COPY config /app/config
RUN mkdir -p /app/data /app/inbox && chown -R relais /app
USER relais
# Class data sharing (start-up): one training start on the embedded default, which stops itself once ready
# (relais.exit-after-start: a normal stop, embedded servers included), records the classes it loaded; every start maps
# them instead of loading and verifying them again. A start the archive does not fit (another JVM) loads classes as
# before. Its data, and the embedded servers' binaries (java.io.tmpdir), go with it.
RUN mkdir -p /tmp/cds-training/tmp \
 && java -XX:ArchiveClassesAtExit=/app/relais/relais.jsa -Djava.io.tmpdir=/tmp/cds-training/tmp -jar /app/relais/relais.jar \
      --relais.exit-after-start=true --relais.data-dir=/tmp/cds-training/data --relais.inbox-dir=/tmp/cds-training/inbox \
      --server.port=0 \
 && rm -rf /tmp/cds-training
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
ENV RELAIS_PG_DUMP=/usr/lib/postgresql/15/bin/pg_dump
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/relais/relais.jsa", "-jar", "/app/relais/relais.jar"]
