package dev.switchboard.cli;

import dev.switchboard.engine.ExitStatus;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackStatus;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Words and numbers for process states as the service-backed commands print them. */
final class StatusFormat {
    private StatusFormat() {
    }

    /** "0.8 s". */
    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Why a process is in its state: its reason, else how its last launch ended, else null. */
    static String reason(ProcessStatus p) {
        if (p.reason() != null) {
            return p.reason();
        }
        if (p.state() == ProcessState.FAILED || p.state() == ProcessState.STOPPED || p.state() == ProcessState.COMPLETED) {
            if (p.exitCode() != null) {
                return ExitStatus.exited(p.exitCode()).describe();
            }
            if (p.signal() != null) {
                return ExitStatus.killed(p.signal()).describe();
            }
        }
        return null;
    }

    /** Why a start failed: the stack's reason, else the reasons of its failed processes. */
    static String failure(StackStatus stack) {
        if (stack.reason() != null) {
            return stack.reason();
        }
        String failed = stack.processes().stream()
                .filter(p -> p.state() == ProcessState.FAILED)
                .map(p -> p.name() + (reason(p) == null ? " failed" : ": " + reason(p)))
                .collect(Collectors.joining("; "));
        return failed.isEmpty() ? "it did not become ready" : failed;
    }

    /** "hub (pid 42), worker (pid 43)". */
    static String names(List<ProcessStatus> processes) {
        return processes.stream()
                .map(p -> p.name() + (p.pid() == null ? "" : " (pid " + p.pid() + ")"))
                .collect(Collectors.joining(", "));
    }
}
