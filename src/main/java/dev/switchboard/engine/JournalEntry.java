package dev.switchboard.engine;

/**
 * What the supervisor records about one process it launched, so that a later supervisor (or a
 * later run) can find it again. Times are epoch milliseconds; {@code readyAt} is 0 until ready.
 */
public record JournalEntry(
        String stack,
        String stackFile,
        String process,
        String mode,
        long pid,
        long startTicks,
        long startedAt,
        long readyAt,
        String stdoutLog,
        String stderrLog,
        String readyFile,
        long owner) {

    /** A copy marked ready at the given time. */
    public JournalEntry readyAt(long when) {
        return new JournalEntry(stack, stackFile, process, mode, pid, startTicks, startedAt, when,
                stdoutLog, stderrLog, readyFile, owner);
    }
}
