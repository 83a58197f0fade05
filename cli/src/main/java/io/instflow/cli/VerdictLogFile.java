package io.instflow.cli;

import io.instflow.ifd.functions.DetectorFunction;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.nio.file.Path;

/**
 * The detector's verdict log at DEBUG, into a file of the run's output rather than the console (a
 * testing run logs one line per candidate window).
 */
final class VerdictLogFile {

    private VerdictLogFile() {}

    static void open(Path file) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        FileAppender appender =
                FileAppender.newBuilder()
                        .setName("verdicts")
                        .withFileName(file.toString())
                        .withAppend(false)
                        .setLayout(
                                PatternLayout.newBuilder()
                                        .withPattern("%d{HH:mm:ss.SSS} %-5p %m%n")
                                        .build())
                        .setConfiguration(config)
                        .build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig verdicts =
                new LoggerConfig(DetectorFunction.VERDICT_LOGGER, Level.DEBUG, false);
        verdicts.addAppender(appender, Level.DEBUG, null);
        config.addLogger(DetectorFunction.VERDICT_LOGGER, verdicts);
        context.updateLoggers();
    }
}
