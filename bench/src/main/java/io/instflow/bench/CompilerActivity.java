package io.instflow.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * This JVM's JIT compilers at work. After a job, the compilers go on for seconds with methods the
 * job made hot, on the cores a reference measurement next to it needs: waiting for them keeps the
 * job's compilation out of the broker's rate it is set beside.
 */
final class CompilerActivity {

    /** Compilers count as quiet while they compile less than this per {@link #WINDOW}. */
    private static final long QUIET_MS = 20;

    private static final Duration WINDOW = Duration.ofSeconds(1);

    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    private CompilerActivity() {}

    /** Milliseconds this JVM has spent compiling so far. */
    static long totalMs() {
        return COMPILER.getTotalCompilationTime();
    }

    /**
     * Waits until the compilers spend less than {@value #QUIET_MS} ms of a second compiling, or
     * {@code atMost} has passed; returns the seconds waited.
     */
    static double awaitQuiet(Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        long compiled = totalMs();
        while (System.nanoTime() < deadline) {
            // the JVM only counts compilation time: quiet means little of it over a whole window
            Thread.sleep(WINDOW.toMillis());
            long now = totalMs();
            if (now - compiled < QUIET_MS) {
                break;
            }
            compiled = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
