package dev.switchboard.engine;

import java.util.Optional;

/** Spawns processes, each leading its own process group, and re-attaches to ones spawned earlier. */
public interface ProcessLauncher {

    /** Spawns the process; throws with a clear message if the program cannot be run. */
    LaunchedProcess launch(LaunchSpec spec) throws LaunchException;

    /**
     * Re-attaches to a process spawned earlier (by another run or a previous supervisor) if a
     * process with this pid still lives and started at {@code startTicks}; empty otherwise.
     */
    Optional<LaunchedProcess> adopt(long pid, long startTicks);
}
