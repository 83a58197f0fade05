package io.instflow.cli;

import io.instflow.contract.Deployment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code instflow name}: a deployment's one name (its jobs' name, metrics' job, consumer group and
 * transactional-id prefix), so scripts use the rule of {@link Deployment} instead of restating it.
 */
@Command(
        name = "name",
        mixinStandardHelpOptions = true,
        description =
                "Print the name of a deployment: 'name ifd PROFILE [PREFIX]', 'name comparison SHADOW_PREFIX [PREFIX]'"
                        + " or 'name strategies INPUT_PREFIX [PREFIX]'.")
final class NameCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND", description = "ifd, comparison or strategies.")
    String kind;

    @Parameters(
            index = "1",
            paramLabel = "PROFILE|SHADOW_PREFIX|INPUT_PREFIX",
            description =
                    "The IFD job's profile, the shadow's topic prefix, or the prefix of the IFD job whose"
                            + " signals the strategies trade.")
    String first;

    @Parameters(
            index = "2",
            arity = "0..1",
            defaultValue = "",
            paramLabel = "PREFIX",
            description = "The deployment's output topic prefix (default: none).")
    String prefix;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Deployment d =
                switch (kind) {
                    case "ifd" -> Deployment.ifd(first, prefix);
                    case "comparison" -> Deployment.comparison(prefix, first);
                    case "strategies" -> Deployment.strategies(first, prefix);
                    default ->
                            throw new picocli.CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "KIND must be ifd, comparison or strategies, got " + kind);
                };
        spec.commandLine().getOut().println(d.name());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
