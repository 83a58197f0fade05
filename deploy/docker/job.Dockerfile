# The image a Flink cluster runs the instflow jobs from: Flink itself plus the two job jars in
# usrlib. Build after `mvn package`: docker build -f deploy/docker/job.Dockerfile -t instflow/jobs:0.1.0 .
FROM flink:2.2.1-java17
COPY jobs/ifd/target/instflow-ifd-0.1.0-SNAPSHOT-job.jar /opt/flink/usrlib/instflow-ifd-job.jar
COPY jobs/shadow/target/instflow-shadow-0.1.0-SNAPSHOT-job.jar /opt/flink/usrlib/instflow-shadow-job.jar
COPY jobs/strategies/target/instflow-strategies-0.1.0-SNAPSHOT-job.jar /opt/flink/usrlib/instflow-strategies-job.jar
