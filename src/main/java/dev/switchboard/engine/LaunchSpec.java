package dev.switchboard.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to launch: the full argv (ready-file pair already appended), the working folder,
 * environment additions on top of the supervisor's own, and the two log files that receive
 * the child's stdout and stderr directly (appending).
 */
public record LaunchSpec(String label, List<String> argv, Path cwd, Map<String, String> env,
                         Path stdoutLog, Path stderrLog) {
    public LaunchSpec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }
}
