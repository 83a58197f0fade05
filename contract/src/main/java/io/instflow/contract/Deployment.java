package io.instflow.contract;

/**
 * The naming rule of deployments: one name per running job, used as its metrics' {@code job}, its
 * operators' uid prefix, its consumer group and its transactional-id prefix. An IFD job is named by
 * its profile and, when it writes under a prefix, that prefix: {@code ifd-production}, {@code
 * ifd-testing-shadow}. Two deployments of one profile under different prefixes never share a name.
 */
public record Deployment(String name) implements java.io.Serializable {

    public Deployment {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*[a-z0-9]")) {
            throw new IllegalArgumentException(
                    "deployment name '"
                            + name
                            + "' must be lower-case letters, digits and inner dashes");
        }
    }

    /** The IFD job running {@code profile} and writing its outputs under {@code outputPrefix}. */
    public static Deployment ifd(String profile, String outputPrefix) {
        return new Deployment(
                ("ifd-" + profile + suffix(outputPrefix))
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-'));
    }

    /**
     * The comparison job writing under {@code outputPrefix} about the shadow under {@code
     * shadowPrefix}.
     */
    public static Deployment comparison(String outputPrefix, String shadowPrefix) {
        return new Deployment(
                ("shadow-compare" + suffix(outputPrefix) + suffix(shadowPrefix))
                        .toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The strategies job trading the signals under {@code inputPrefix} and writing under {@code
     * outputPrefix}.
     */
    public static Deployment strategies(String inputPrefix, String outputPrefix) {
        String in = suffix(inputPrefix);
        String out = suffix(outputPrefix);
        return new Deployment(
                ("strategies" + in + (out.equals(in) ? "" : out))
                        .toLowerCase(java.util.Locale.ROOT));
    }

    /** The transactional-id prefix of this deployment's sink to {@code topic}. */
    public String transactionalIdPrefix(String topic) {
        return name + "-" + topic.replace('.', '-');
    }

    /** The uid of an operator of this deployment's job. */
    public String uid(String operator) {
        return name + "-" + operator;
    }

    /** "-" and the prefix with its dots as dashes, or nothing for no prefix. */
    private static String suffix(String prefix) {
        String trimmed =
                new Topics(prefix)
                        .prefix()
                        .replaceAll("\\.+$", "")
                        .replace('.', '-')
                        .replace('_', '-');
        return trimmed.isEmpty() ? "" : "-" + trimmed;
    }

    @Override
    public String toString() {
        return name;
    }
}
