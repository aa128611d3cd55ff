# The service for external PostgreSQL and Neo4j (docker-compose.yml runs all three).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B -Dproduction dependency:go-offline
COPY src src
COPY graphql graphql
COPY cypher cypher
COPY db db
# the production artifact: no embedded engines (see README, "Licences")
RUN mvn -q -B -Dproduction -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/production/relationship-service-*.jar /app/relationship-service.jar
COPY data /app/data
COPY bin /app/bin
ENV RELATIONSHIPS_DATA_DIR=/app/data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=12 CMD wget -qO- http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-jar", "/app/relationship-service.jar"]
