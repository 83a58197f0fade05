package io.instflow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table {@code instflow validate} prints: each check's name, OK or FAIL, and what it found. */
final class ReadinessTable {

    private record Check(String name, String status, String detail) {}

    private final List<Check> checks = new ArrayList<>();

    void ok(String name, String detail) {
        add(name, true, detail);
    }

    void fail(String name, String detail) {
        add(name, false, detail);
    }

    void add(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed ? "OK" : "FAIL", detail));
    }

    long failed() {
        return checks.stream().filter(c -> c.status().equals("FAIL")).count();
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%-14s %-5s %s%n", "check", "state", "detail");
        for (Check c : checks) {
            out.printf(Locale.ROOT, "%-14s %-5s %s%n", c.name(), c.status(), c.detail());
        }
        long failed = failed();
        out.println(
                failed == 0
                        ? "ready: every check passed"
                        : "NOT READY: " + failed + " check(s) failed");
        out.flush();
    }
}
