# The connector service alone: Databento live into Kafka, Barchart as the backup when configured.
# No Flink and no broker inside. Build after `mvn package`:
#   docker build -f deploy/docker/connector.Dockerfile -t instflow/connector:0.1.0 .
# Run with the settings mounted at /etc/instflow/connector.properties and DATABENTO_API_KEY set.
FROM eclipse-temurin:17-jre
COPY connectors/ingest/target/instflow-connector.jar /opt/instflow/instflow-connector.jar
COPY deploy/connector.properties /etc/instflow/connector.properties
COPY deploy/docker/connector-log4j2.properties /etc/instflow/log4j2.properties
ENTRYPOINT ["java", "-Dlog4j2.configurationFile=/etc/instflow/log4j2.properties", "-jar", "/opt/instflow/instflow-connector.jar", "--config", "/etc/instflow/connector.properties"]
