package dev.switchboard.ui.stack;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.StackState;
import dev.switchboard.model.LaunchMode;

/**
 * Which buttons make sense for a stack or a process in its current state, honouring launch modes:
 * a reuse process is never started or stopped from here, only checked.
 */
public final class Actions {
    /** Tooltip of the start/stop buttons of a reuse process. */
    public static final String MANAGED_OUTSIDE = "managed outside this stack";

    private Actions() {
    }

    /** Starting the whole stack. */
    public static Availability startStack(StackViewModel stack) {
        if (!stack.problems().isEmpty()) {
            return Availability.no("fix the errors in the stack file first");
        }
        StackState s = stack.state();
        if (s == null) {
            return Availability.no("the stack is still loading");
        }
        if (stack.isStartRequested()) {
            return Availability.no("the stack is already starting");
        }
        return switch (s) {
            case STOPPED, FAILED -> Availability.yes("start every process in order (Ctrl+Enter)");
            case STARTING -> Availability.no("the stack is already starting");
            case READY -> Availability.no("the stack is already running");
            case STOPPING -> Availability.no("the stack is stopping");
        };
    }

    /** Stopping the whole stack (persist processes are left running). */
    public static Availability stopStack(StackViewModel stack) {
        StackState s = stack.state();
        if (s == StackState.STOPPING) {
            return Availability.no("the stack is already stopping");
        }
        boolean ownRunning = stack.processes().stream()
                .anyMatch(p -> p.mode() != LaunchMode.REUSE && isAlive(p.state()));
        if (s == StackState.STARTING || s == StackState.READY || ownRunning) {
            return Availability.yes("stop the stack; persist processes keep running (Ctrl+.)");
        }
        return Availability.no("nothing is running");
    }

    /** Stopping persist processes too. */
    public static Availability stopStackWithPersist(StackViewModel stack) {
        boolean persistRunning = stack.processes().stream()
                .anyMatch(p -> p.mode() == LaunchMode.PERSIST && isAlive(p.state()));
        return persistRunning
                ? Availability.yes("stop everything, including persist processes")
                : Availability.no("no persist process is running");
    }

    /** Stopping and starting the whole stack again. */
    public static Availability restartStack(StackViewModel stack) {
        if (!stack.problems().isEmpty()) {
            return Availability.no("fix the errors in the stack file first");
        }
        StackState s = stack.state();
        if (s == StackState.READY || s == StackState.FAILED) {
            return Availability.yes("stop, then start the stack again (Ctrl+R)");
        }
        return Availability.no(s == null ? "the stack is still loading"
                : s == StackState.STOPPED ? "the stack is not running: use Start"
                : "wait until the stack has finished " + s.id());
    }

    /** Starting one process (and what it depends on). */
    public static Availability startProcess(ProcessViewModel p) {
        if (p.mode() == LaunchMode.REUSE) {
            return Availability.no(MANAGED_OUTSIDE);
        }
        if (!p.stack().problems().isEmpty()) {
            return Availability.no("fix the errors in the stack file first");
        }
        ProcessState s = p.state();
        if (s == null) {
            return Availability.no("the stack is still loading");
        }
        return switch (s) {
            case STOPPED, FAILED, SKIPPED, COMPLETED -> Availability.yes("start " + p.name() + " and what it depends on");
            case PENDING -> Availability.no("already waiting for its dependencies");
            case STARTING -> Availability.no("already starting");
            case READY -> Availability.no("already running");
            case STOPPING -> Availability.no("stopping");
        };
    }

    /** Stopping one process (and what depends on it). */
    public static Availability stopProcess(ProcessViewModel p) {
        if (p.mode() == LaunchMode.REUSE) {
            return Availability.no(MANAGED_OUTSIDE);
        }
        ProcessState s = p.state();
        if (s == ProcessState.STOPPING) {
            return Availability.no("already stopping");
        }
        if (isAlive(s)) {
            return Availability.yes(p.mode() == LaunchMode.PERSIST
                    ? "stop this persist process (asks first) and what depends on it"
                    : "stop " + p.name() + " and what depends on it (persist processes stay up)");
        }
        return Availability.no("not running");
    }

    /** Restarting one process (and its dependents). */
    public static Availability restartProcess(ProcessViewModel p) {
        if (p.mode() == LaunchMode.REUSE) {
            return Availability.no(MANAGED_OUTSIDE);
        }
        if (!p.stack().problems().isEmpty()) {
            return Availability.no("fix the errors in the stack file first");
        }
        ProcessState s = p.state();
        if (s == ProcessState.READY || s == ProcessState.STARTING || s == ProcessState.FAILED) {
            return Availability.yes("stop, then start " + p.name() + " and its dependents again (persist ones stay up)");
        }
        return Availability.no(s == ProcessState.STOPPING ? "stopping" : "not running: use Start");
    }

    /** Re-running the readiness probe of a reuse process. */
    public static Availability check(ProcessViewModel p) {
        if (p.mode() != LaunchMode.REUSE) {
            return Availability.no("only for processes managed outside this stack");
        }
        if (p.status() == null) {
            return Availability.no("the stack is still loading");
        }
        return Availability.yes("check whether it is up now");
    }

    /** True for states in which a process may be alive or about to be. */
    static boolean isAlive(ProcessState s) {
        return s == ProcessState.STARTING || s == ProcessState.READY || s == ProcessState.STOPPING;
    }
}
