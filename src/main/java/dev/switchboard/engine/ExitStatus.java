package dev.switchboard.engine;

import dev.switchboard.model.StopSignal;

/**
 * How a launched process ended: exactly one of {@code code}, {@code signal} or {@code error} is set,
 * or none of them when the process was adopted and its exit status cannot be known ({@link #unknown()}).
 *
 * @param code   exit code, if it exited
 * @param signal signal number, if a signal killed it
 * @param error  why it could not be started (or watched), if so
 */
public record ExitStatus(Integer code, Integer signal, String error) {

    /** It exited with this code. */
    public static ExitStatus exited(int code) {
        return new ExitStatus(code, null, null);
    }

    /** A signal killed it. */
    public static ExitStatus killed(int signal) {
        return new ExitStatus(null, signal, null);
    }

    /** It failed to start or could not be watched. */
    public static ExitStatus failed(String error) {
        return new ExitStatus(null, null, error);
    }

    /** It exited, but it was not our child, so its exit status cannot be known. */
    public static ExitStatus unknown() {
        return new ExitStatus(null, null, null);
    }

    /**
     * Decodes the value {@link Process#exitValue()} reports on Linux, where death by signal N
     * reads as 128+N. Values 129..159 are taken as signals.
     */
    public static ExitStatus fromJava(int value) {
        if (value > 128 && value < 160) {
            return killed(value - 128);
        }
        return exited(value);
    }

    /** True for exit code 0. */
    public boolean isSuccess() {
        return code != null && code == 0;
    }

    /** True when the exit status could not be known (an adopted process). */
    public boolean isUnknown() {
        return code == null && signal == null && error == null;
    }

    /** "exited with code 1", "was killed by SIGKILL", "failed to start: …". */
    public String describe() {
        if (code != null) {
            return "exited with code " + code;
        }
        if (signal != null) {
            return "was killed by " + StopSignal.describe(signal);
        }
        if (error != null) {
            return "failed to start: " + error;
        }
        return "exited (exit status unknown: it was not started by this supervisor)";
    }
}
