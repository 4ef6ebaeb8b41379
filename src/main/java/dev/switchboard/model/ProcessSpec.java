package dev.switchboard.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One process of a stack, fully resolved: paths absolute, argv computed (without the
 * {@code --ready-file} pair, which the engine appends per launch when {@code ready} is a file probe).
 *
 * @param name         unique name in the stack
 * @param argv         the program and its arguments; empty only for {@code reuse} without a command
 * @param cwd          absolute working folder
 * @param env          extra environment: stack {@code env}, then {@code env_file}, then {@code env}, then {@code gpu}
 * @param mode         launch mode
 * @param port         the service's TCP port, or null
 * @param ready        readiness probe with timeout and interval
 * @param dependsOn    resolved dependencies (sequence rule or explicit {@code depends_on})
 * @param stopSignal   signal sent to the group to ask it to stop
 * @param stopTimeout  grace before SIGKILL
 * @param stopCommand  argv run instead of the signal, or empty
 * @param item         index of the top-level sequence item this process belongs to
 * @param parallel     true when it is a member of a {@code parallel} group
 * @param where        where the process is declared in the stack file
 */
public record ProcessSpec(
        String name,
        List<String> argv,
        Path cwd,
        Map<String, String> env,
        LaunchMode mode,
        Integer port,
        ReadySpec ready,
        List<Dependency> dependsOn,
        StopSignal stopSignal,
        Duration stopTimeout,
        List<String> stopCommand,
        int item,
        boolean parallel,
        SourceLocation where) {

    public ProcessSpec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        dependsOn = List.copyOf(dependsOn);
        stopCommand = List.copyOf(stopCommand);
    }

    /** True when readiness is signalled through {@code --ready-file}. */
    public boolean usesReadyFile() {
        return ready.probe() instanceof Probe.File;
    }
}
