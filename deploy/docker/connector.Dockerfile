# The connector (and the rest of the instflow command): Databento or file replay into Kafka.
# Build after `mvn package`: docker build -f deploy/docker/connector.Dockerfile -t instflow/connector:0.1.0 .
FROM eclipse-temurin:17-jre
COPY cli/target/instflow-cli.jar /opt/instflow/instflow-cli.jar
ENTRYPOINT ["java", "-jar", "/opt/instflow/instflow-cli.jar"]
