package io.instflow.localkafka;

/** Finds a classpath that holds the Kafka broker ({@code kafka.Kafka}). */
final class KafkaClasspath {

    static final String PROPERTY = "instflow.kafka.classpath";

    private KafkaClasspath() {}

    static String resolve() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            Class.forName("kafka.Kafka", false, KafkaClasspath.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the Kafka broker classes (kafka_2.13) are not on this JVM's classpath;"
                            + " run through scripts/instflow or set -D"
                            + PROPERTY
                            + "=CLASSPATH",
                    e);
        }
        return System.getProperty("java.class.path");
    }
}
