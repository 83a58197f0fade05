package io.instflow.cli;

import io.instflow.contract.Deployment;
import io.instflow.contract.Topic;
import io.instflow.contract.Topics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code instflow prepare-deployment}: everything {@code scripts/submit} needs from the project
 * before it hands jars to Flink, in one JVM: the topics of the deployment's jobs, created where
 * missing, and each job's name by the rule of {@link Deployment}.
 */
@Command(
        name = "prepare-deployment",
        mixinStandardHelpOptions = true,
        description = {
            "Create the missing topics of a deployment (the input topics, the IFD job's outputs under"
                    + " PREFIX, and those of the comparison and strategies jobs when asked for) and"
                    + " print its jobs' names.",
            "Prints 'created TOPIC' for each topic it created, then 'job KIND NAME' for each job"
                    + " (KIND is ifd, comparison or strategies); scripts/submit runs it first."
        })
final class PrepareDeploymentCommand implements Callable<Integer> {

    /** A job of the deployment: its kind, its name, and the topics it writes. */
    record Job(String kind, Deployment deployment, Topics output, Topic.Set writes) {}

    @Mixin TopicCreation creation;

    @Option(
            names = "--profile",
            defaultValue = "production",
            description = "The IFD job's profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--prefix",
            defaultValue = "",
            description = "The IFD job's output topic prefix, e.g. shadow. (default: none).")
    String prefix;

    @Option(
            names = "--comparison",
            description = "Also the comparison job of the shadow under PREFIX.")
    boolean comparison;

    @Option(
            names = "--strategies",
            description = "Also the strategies job trading the signals under PREFIX.")
    boolean strategies;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Job> jobs = jobs(profile, prefix, comparison, strategies);
        creation.create(new Topics(""), Topic.Set.INPUT, out);
        jobs.forEach(job -> creation.create(job.output(), job.writes(), out));
        jobs.forEach(job -> out.println("job " + job.kind() + " " + job.deployment().name()));
        out.flush();
        return 0;
    }

    /**
     * The IFD job of {@code profile} writing under {@code prefix}; the comparison job of that
     * shadow, writing without a prefix; the strategies job trading the IFD job's signals and
     * writing under the same prefix.
     */
    static List<Job> jobs(String profile, String prefix, boolean comparison, boolean strategies) {
        List<Job> jobs = new ArrayList<>();
        jobs.add(
                new Job("ifd", Deployment.ifd(profile, prefix), new Topics(prefix), Topic.Set.IFD));
        if (comparison) {
            jobs.add(
                    new Job(
                            "comparison",
                            Deployment.comparison("", prefix),
                            new Topics(""),
                            Topic.Set.COMPARISON));
        }
        if (strategies) {
            jobs.add(
                    new Job(
                            "strategies",
                            Deployment.strategies(prefix, prefix),
                            new Topics(prefix),
                            Topic.Set.STRATEGIES));
        }
        return jobs;
    }
}
