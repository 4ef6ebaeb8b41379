package dev.switchboard.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spawns each process so that it leads a new session and process group whose id is its pid:
 * with {@link PosixSpawn} (one posix_spawn, the child calling setsid() before exec) where glibc
 * offers it, else through {@link ProcessBuilder} and util-linux {@code setsid}. stdin reads
 * /dev/null; stdout and stderr append straight to the launch's log files, so a child never
 * blocks on a pipe and keeps its output when the supervisor exits.
 */
public final class NativeProcessLauncher implements ProcessLauncher {

    private static final File DEV_NULL = new File("/dev/null");
    private static final long SETSID_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final boolean direct;
    private final Path setsid;

    /** Creates a launcher that spawns with posix_spawn where glibc offers it, else through setsid. */
    public NativeProcessLauncher() {
        this(PosixSpawn.isAvailable());
    }

    /** For tests: {@code direct} false forces the ProcessBuilder-and-setsid path. */
    NativeProcessLauncher(boolean direct) {
        this.direct = direct && PosixSpawn.isAvailable();
        this.setsid = this.direct ? null : findSetsid();
    }

    @Override
    public LaunchedProcess launch(LaunchSpec spec) throws LaunchException {
        if (spec.argv().isEmpty()) {
            throw new LaunchException("nothing to run: the command is empty", null);
        }
        Path cwd = spec.cwd().toAbsolutePath();
        ProgramResolver.checkWorkingFolder(cwd);
        String path = spec.env().getOrDefault("PATH", System.getenv("PATH"));
        Path program = ProgramResolver.resolve(spec.argv().getFirst(), cwd, path);
        createParents(spec.stdoutLog());
        createParents(spec.stderrLog());

        Map<String, String> env = InheritedEnvironment.with(spec.env());
        return direct ? spawnDirect(spec, program, cwd, env) : spawnWithSetsid(spec, program, cwd, env);
    }

    /** One posix_spawn: the child calls setsid() itself, so the group exists when this returns. */
    private static LaunchedProcess spawnDirect(LaunchSpec spec, Path program, Path cwd, Map<String, String> env)
            throws LaunchException {
        Instant startedAt = Instant.now();
        long pid;
        try {
            pid = PosixSpawn.spawn(program, spec.argv(), cwd, env, spec.stdoutLog(), spec.stderrLog());
        } catch (LaunchException e) {
            throw new LaunchException("cannot run '" + spec.argv().getFirst() + "': " + e.getMessage(), e);
        }
        // Not reaped yet, so /proc still describes it even if it has already exited.
        long startTicks = ProcStat.read(pid).map(ProcStat::startTicks).orElse(-1L);
        CompletableFuture<ExitStatus> exit = ExitWatcher.child(pid);
        return new NativeProcess(pid, startTicks, startedAt, exit);
    }

    /** Where posix_spawn is missing: ProcessBuilder runs util-linux setsid, which execs the program. */
    private LaunchedProcess spawnWithSetsid(LaunchSpec spec, Path program, Path cwd, Map<String, String> env)
            throws LaunchException {
        if (setsid == null) {
            throw new LaunchException("cannot start processes: 'setsid' (util-linux) is not installed", null);
        }
        List<String> command = new ArrayList<>(spec.argv().size() + 2);
        command.add(setsid.toString());
        command.add("--"); // the program name must never be read as a setsid option
        command.add(program.toString());
        command.addAll(spec.argv().subList(1, spec.argv().size()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.stdoutLog().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(spec.stderrLog().toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);

        Instant startedAt = Instant.now();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LaunchException("cannot run '" + spec.argv().getFirst() + "': " + e.getMessage(), e);
        }
        long startTicks = awaitOwnGroup(process, spec);
        CompletableFuture<ExitStatus> exit = process.onExit().thenApply(p -> ExitStatus.fromJava(p.exitValue()));
        return new NativeProcess(process.pid(), startTicks, startedAt, exit);
    }

    @Override
    public Optional<LaunchedProcess> adopt(long pid, long startTicks) {
        if (pid <= 1 || pid == ProcessHandle.current().pid() || !matches(pid, startTicks)) {
            return Optional.empty();
        }
        OptionalInt pidfd = Posix.pidfdOpen(pid);
        // Checking again after opening the pidfd proves it refers to the process we mean.
        if (!matches(pid, startTicks)) {
            pidfd.ifPresent(Posix::close);
            return Optional.empty();
        }
        CompletableFuture<ExitStatus> exit = pidfd.isPresent()
                ? ExitWatcher.adopted(pid, pidfd.getAsInt())
                : ProcessHandle.of(pid)
                        .map(h -> h.onExit().thenApply(x -> ExitStatus.unknown()))
                        .orElse(CompletableFuture.completedFuture(ExitStatus.unknown()));
        return Optional.of(new NativeProcess(pid, startTicks, ProcStat.startInstant(startTicks), exit));
    }

    /** True if {@code pid} is alive, started at {@code startTicks} and leads its own group. */
    private static boolean matches(long pid, long startTicks) {
        return ProcStat.read(pid)
                .filter(s -> s.isLive() && s.startTicks() == startTicks && s.pgrp() == pid)
                .isPresent();
    }

    /**
     * Waits (briefly: setsid runs right after exec) until the child leads its own group, so a
     * signal sent right after launch cannot miss it. Returns its start ticks, or -1 if it
     * already exited, in which case nothing will ever be signalled.
     */
    private static long awaitOwnGroup(Process process, LaunchSpec spec) throws LaunchException {
        long deadline = System.nanoTime() + SETSID_DEADLINE_NANOS;
        long pid = process.pid();
        while (true) {
            Optional<ProcStat> stat = ProcStat.read(pid);
            if (stat.isPresent() && stat.get().pgrp() == pid) {
                return stat.get().startTicks();
            }
            if (stat.isEmpty() || !stat.get().isLive()) {
                return -1;
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new LaunchException("cannot run '" + spec.argv().getFirst()
                        + "': it did not get its own process group (setsid did not take effect)", null);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static void createParents(Path log) throws LaunchException {
        Path parent = log.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new LaunchException("cannot create the log folder " + parent + ": " + e.getMessage(), e);
        }
    }

    private static Path findSetsid() {
        try {
            return ProgramResolver.resolve("setsid", Path.of("/"), System.getenv("PATH") + ":/usr/bin:/bin");
        } catch (LaunchException e) {
            return null;
        }
    }
}
