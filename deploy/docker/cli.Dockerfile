# The instflow command (topic creation, the dashboard, reports, local runs) for clusters and compose.
# Build after `mvn package`: docker build -f deploy/docker/cli.Dockerfile -t instflow/cli:0.1.0 .
FROM eclipse-temurin:17-jre
COPY cli/target/instflow-cli.jar /opt/instflow/instflow-cli.jar
ENTRYPOINT ["java", "-jar", "/opt/instflow/instflow-cli.jar"]
