package dev.switchboard.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a readiness probe needs to know about the launch it waits for.
 *
 * @param readyFile the launch's fresh ready file (file probes), or null
 * @param cwd       the process's working folder (exec probes run there)
 * @param env       the process's extra environment (exec probes get it too)
 * @param interval  time between attempts of polled probes; null for the default
 * @param lines     the launch's output lines (log probes), or null
 */
public record ReadyContext(Path readyFile, Path cwd, Map<String, String> env, Duration interval, LineSource lines) {

    public ReadyContext {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** A source of the output lines of one launch, stdout and stderr alike. */
    @FunctionalInterface
    public interface LineSource {
        /**
         * Calls {@code onLine} for every line (including those already written by this launch)
         * until the returned handle is closed.
         */
        AutoCloseable subscribe(Consumer<String> onLine);
    }

    /** The lines of a {@link LogTail}, starting with the ones it still holds in memory. */
    public static LineSource linesOf(LogTail tail) {
        return onLine -> tail.subscribe((stream, seq, at, text) -> onLine.accept(text), true);
    }
}
