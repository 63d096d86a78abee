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

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app relais
WORKDIR /app
COPY --from=build /src/target/relais-*.jar /app/relais.jar
COPY routes /app/routes
COPY processes /app/processes
COPY config /app/config
RUN mkdir -p /app/data /app/inbox && chown -R relais /app
USER relais
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s CMD wget -qO- http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/relais.jar"]
