package dev.switchboard.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Launches real processes for a test and kills every one of them (their whole groups, and any
 * extra group recorded) when the test ends, even if it failed.
 */
final class Spawned implements AutoCloseable {

    final NativeProcessLauncher launcher;
    private final Path dir;
    private final List<LaunchedProcess> handles = new ArrayList<>();
    private final List<Long> strayGroups = new ArrayList<>();
    private final List<Process> rawProcesses = new ArrayList<>();
    private int count;

    Spawned(Path dir) {
        this(dir, new NativeProcessLauncher());
    }

    Spawned(Path dir, NativeProcessLauncher launcher) {
        this.dir = dir;
        this.launcher = launcher;
    }

    /** Launches {@code argv} in the test folder with fresh log files. */
    LaunchedProcess launch(String... argv) throws LaunchException {
        return launch(List.of(argv), Map.of());
    }

    /** Launches {@code argv} with extra environment in the test folder. */
    LaunchedProcess launch(List<String> argv, Map<String, String> env) throws LaunchException {
        int n = ++count;
        LaunchSpec spec = new LaunchSpec("test-" + n, argv, dir, env,
                dir.resolve("logs/" + n + ".out"), dir.resolve("logs/" + n + ".err"));
        return track(launcher.launch(spec));
    }

    /** Runs {@code sh -c script} in the test folder. */
    LaunchedProcess sh(String script) throws LaunchException {
        return launch("sh", "-c", script);
    }

    /** Remembers a handle so it is killed after the test. */
    LaunchedProcess track(LaunchedProcess handle) {
        handles.add(handle);
        return handle;
    }

    /** Remembers a process group (e.g. a process started outside the launcher) to kill after the test. */
    void trackGroup(long pgid) {
        strayGroups.add(pgid);
    }

    /** Remembers a process started with a plain ProcessBuilder. */
    Process track(Process process) {
        rawProcesses.add(process);
        return process;
    }

    /** The standard output a launch wrote so far. */
    String stdout(int launchNumber) throws IOException {
        return Files.readString(dir.resolve("logs/" + launchNumber + ".out"));
    }

    /** Reads a pid a script wrote to {@code file} in the test folder, waiting for it to appear. */
    long pidFrom(String file) {
        Path path = dir.resolve(file);
        Await.until(Duration.ofSeconds(5), file + " to hold a pid", () -> {
            try {
                return Files.exists(path) && Files.readString(path).trim().matches("\\d+");
            } catch (IOException e) {
                return false;
            }
        });
        try {
            return Long.parseLong(Files.readString(path).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if {@code pid} exists and is not a zombie. */
    static boolean isLive(long pid) {
        return ProcStat.read(pid).map(ProcStat::isLive).orElse(false);
    }

    @Override
    public void close() {
        for (LaunchedProcess handle : handles) {
            handle.kill();
        }
        for (long pgid : strayGroups) {
            if (ProcStat.isGroupAlive(pgid)) {
                Posix.signalGroup(pgid, Posix.SIGKILL);
            }
        }
        for (Process process : rawProcesses) {
            process.destroyForcibly();
        }
        for (LaunchedProcess handle : handles) {
            Await.done(handle.groupGone(), Duration.ofSeconds(10), "group " + handle.pgid() + " to go");
        }
    }
}
