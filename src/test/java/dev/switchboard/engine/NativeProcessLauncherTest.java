package dev.switchboard.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs against the posix_spawn launcher; {@link SetsidLauncherTest} runs the same tests on the fallback. */
class NativeProcessLauncherTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Spawned spawned;

    @BeforeEach
    void setUp() {
        spawned = new Spawned(dir, launcher());
    }

    /** The launcher under test. */
    NativeProcessLauncher launcher() {
        assertTrue(PosixSpawn.isAvailable(), "glibc 2.34+ offers posix_spawn with setsid and closefrom");
        return new NativeProcessLauncher(true);
    }

    @AfterEach
    void tearDown() {
        spawned.close();
    }

    @Test
    void spawnedProcessLeadsItsOwnSessionAndGroup() throws Exception {
        LaunchedProcess p = spawned.launch("sleep", "1000");

        ProcStat stat = ProcStat.read(p.pid()).orElseThrow();
        assertEquals(p.pid(), p.pgid());
        assertEquals(p.pid(), stat.pgrp(), "pid == pgid: setsid exec'd without forking");
        assertEquals(p.pid(), stat.session());
        assertEquals(stat.startTicks(), p.startTicks());
        assertTrue(p.isGroupAlive());
    }

    @Test
    void exitCodeIsReported() throws Exception {
        LaunchedProcess p = spawned.sh("exit 3");

        ExitStatus status = Await.done(p.exit(), LONG, "exit");
        assertEquals(ExitStatus.exited(3), status);
        assertFalse(status.isSuccess());
    }

    @Test
    void exitCodesAboveOneHundredTwentyEightAreCodesNotSignals() throws Exception {
        assumeTrue(PosixSpawn.isAvailable() && !(this instanceof SetsidLauncherTest),
                "only waitid tells exit code 130 from SIGINT; ProcessBuilder reports both as 130");
        LaunchedProcess p = spawned.sh("exit 130");

        assertEquals(ExitStatus.exited(130), Await.done(p.exit(), LONG, "exit"));
    }

    @Test
    void aScriptWithoutAShebangLineRunsWithSh() throws Exception {
        Path script = dir.resolve("plain-script");
        Files.writeString(script, "echo \"plain $1\"\n");
        script.toFile().setExecutable(true);
        LaunchedProcess p = spawned.launch(script.toString(), "argument");

        assertEquals(ExitStatus.exited(0), Await.done(p.exit(), LONG, "exit"));
        assertEquals("plain argument\n", spawned.stdout(1));
    }

    @Test
    void noDescriptorOfTheSupervisorLeaksIntoTheChild() throws Exception {
        LaunchedProcess p = spawned.launch("sleep", "1000");

        // sleep itself opens a file or two while it starts (locale data): wait until it settles. A
        // descriptor inherited from the supervisor would stay open for good and fail this.
        Path fds = Path.of("/proc", Long.toString(p.pid()), "fd");
        Await.until(LONG, () -> "stdin, stdout and stderr only: " + openFiles(fds),
                () -> List.copyOf(openFiles(fds).keySet()).equals(List.of("0", "1", "2")));
    }

    /** The open descriptors of a process (by /proc), each with what it points to. */
    private static Map<String, String> openFiles(Path fds) {
        Map<String, String> open = new java.util.TreeMap<>();
        try (var list = Files.list(fds)) {
            for (Path fd : list.toList()) {
                try {
                    open.put(fd.getFileName().toString(), Files.readSymbolicLink(fd).toString());
                } catch (java.io.IOException closedMeanwhile) {
                    // gone between listing and reading: not open any more
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return open;
    }

    @Test
    void deathBySigkillIsReportedAsSignal() throws Exception {
        LaunchedProcess p = spawned.launch("sleep", "1000");

        p.kill();

        ExitStatus status = Await.done(p.exit(), LONG, "exit");
        assertEquals(ExitStatus.killed(Posix.SIGKILL), status);
        assertEquals("was killed by SIGKILL", status.describe());
    }

    @Test
    void outputGoesToTheLogFilesAndEnvironmentAndFolderAreApplied() throws Exception {
        LaunchedProcess p = spawned.launch(List.of("sh", "-c", "echo \"out $GREETING\"; echo err >&2; pwd; read x; echo \"stdin:$x\""),
                Map.of("GREETING", "hello"));

        Await.done(p.exit(), LONG, "exit");
        assertEquals("out hello\n" + dir.toRealPath() + "\nstdin:\n", spawned.stdout(1));
        assertEquals("err\n", Files.readString(dir.resolve("logs/1.err")));
    }

    @Test
    void stopKillsGrandchildrenWithTheLeader() throws Exception {
        LaunchedProcess p = spawned.sh("sleep 1000 & echo $! > grandchild; wait");
        long grandchild = spawned.pidFrom("grandchild");

        p.terminate(Posix.SIGTERM, LONG);

        Await.done(p.groupGone(), LONG, "group to go");
        assertFalse(Spawned.isLive(grandchild));
        assertEquals(ExitStatus.killed(Posix.SIGTERM), Await.done(p.exit(), LONG, "exit"));
    }

    @Test
    void stopKillsGrandchildrenAfterLeaderExited() throws Exception {
        LaunchedProcess p = spawned.sh("sleep 1000 & echo $! > grandchild; exit 0");
        long grandchild = spawned.pidFrom("grandchild");
        Await.done(p.exit(), LONG, "leader exit");
        assertTrue(Spawned.isLive(grandchild));
        assertTrue(p.isGroupAlive(), "the group outlives its leader");

        p.terminate(Posix.SIGTERM, LONG);

        Await.done(p.groupGone(), LONG, "group to go");
        assertFalse(Spawned.isLive(grandchild));
        assertFalse(p.isGroupAlive());
    }

    @Test
    void processIgnoringSigtermIsKilledAtItsGrace() throws Exception {
        LaunchedProcess p = stubborn();
        long start = System.nanoTime();

        p.terminate(Posix.SIGTERM, Duration.ofMillis(800));

        assertTrue(Await.stillPendingAfter(p.exit(), Duration.ofMillis(400)), "SIGTERM is ignored");
        assertEquals(ExitStatus.killed(Posix.SIGKILL), Await.done(p.exit(), LONG, "exit"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 750 && elapsedMs < 3000, "killed at the grace, after " + elapsedMs + " ms");
        Await.done(p.groupGone(), LONG, "group to go");
    }

    @Test
    void secondTerminateDoesNotPostponeTheEscalation() throws Exception {
        LaunchedProcess p = stubborn();
        long start = System.nanoTime();

        p.terminate(Posix.SIGTERM, Duration.ofMillis(800));
        p.terminate(Posix.SIGTERM, Duration.ofSeconds(30));

        Await.done(p.exit(), LONG, "exit");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 3000, "killed at the first deadline, after " + elapsedMs + " ms");
    }

    @Test
    void secondTerminateDoesNotEscalateEarlier() throws Exception {
        LaunchedProcess p = stubborn();

        p.terminate(Posix.SIGTERM, Duration.ofMillis(1500));
        p.terminate(Posix.SIGTERM, Duration.ofMillis(50));

        assertTrue(Await.stillPendingAfter(p.exit(), Duration.ofMillis(700)), "one escalation, at the first deadline");
        assertEquals(ExitStatus.killed(Posix.SIGKILL), Await.done(p.exit(), LONG, "exit"));
    }

    @Test
    void signalsAreNeverSentToAProcessThatReusedThePid() throws Exception {
        // A process that is not ours but leads a group with "our" pid: what a recycled pid looks like.
        Process foreign = spawned.track(new ProcessBuilder("setsid", "--", "sleep", "1000").start());
        Await.until(LONG, "setsid to take effect",
                () -> ProcStat.read(foreign.pid()).map(s -> s.pgrp() == foreign.pid()).orElse(false));
        long realTicks = ProcStat.read(foreign.pid()).orElseThrow().startTicks();
        LaunchedProcess stale = new NativeProcess(foreign.pid(), realTicks - 1, Instant.now(), new CompletableFuture<>());

        stale.terminate(Posix.SIGKILL, Duration.ZERO);
        stale.kill();

        assertTrue(Await.stillPendingAfter(foreign.onExit(), Duration.ofMillis(300)), "the foreign process lives");
        assertFalse(stale.isGroupAlive());
    }

    @Test
    void stoppingAGroupThatIsGoneDoesNothing() throws Exception {
        LaunchedProcess p = spawned.sh("exit 0");
        Await.done(p.exit(), LONG, "exit");
        Await.done(p.groupGone(), LONG, "group to go");

        p.terminate(Posix.SIGTERM, Duration.ofMillis(10));
        p.kill();

        assertFalse(p.isGroupAlive());
        assertTrue(p.groupGone().isDone());
    }

    @Test
    void groupIsPolledOnlyWhileAStoppedGroupIsAwaited() throws Exception {
        // It ignores SIGTERM, so the escalation is certainly still pending when it is looked at.
        NativeProcess p = (NativeProcess) spawned.launch("sh", "-c", "trap '' TERM; while true; do sleep 0.1; done");

        CompletableFuture<Void> gone = p.groupGone();
        assertFalse(p.hasTimers(), "waiting without a stop schedules nothing");

        p.terminate(Posix.SIGTERM, Duration.ofMillis(500));
        assertTrue(p.hasTimers(), "escalation and group poll are scheduled");

        Await.done(gone, LONG, "group to go");
        Await.until(LONG, "the escalation to be cancelled and polling to end", () -> !p.hasTimers());
    }

    @Test
    void theSupervisorNeverAdoptsItself() {
        long self = ProcessHandle.current().pid();

        assertTrue(spawned.launcher.adopt(self, ProcStat.read(self).orElseThrow().startTicks()).isEmpty());
    }

    @Test
    void adoptRefusesAProcessWithAnotherStartTime() throws Exception {
        LaunchedProcess p = spawned.launch("sleep", "1000");

        assertTrue(spawned.launcher.adopt(p.pid(), p.startTicks() + 1).isEmpty());
        assertTrue(spawned.launcher.adopt(p.pid(), p.startTicks()).isPresent());
    }

    @Test
    void adoptedProcessIsWatchedAndStoppedWithItsGroup() throws Exception {
        // setsid from a background job of sh: a group leader that is not the JVM's child.
        LaunchedProcess starter = spawned.sh("setsid sleep 1000 & echo $! > orphan; exit 0");
        long orphan = spawned.pidFrom("orphan");
        spawned.trackGroup(orphan);
        Await.done(starter.exit(), LONG, "starter exit");
        Await.until(LONG, "orphan to lead its group",
                () -> ProcStat.read(orphan).map(s -> s.pgrp() == orphan).orElse(false));
        long ticks = ProcStat.read(orphan).orElseThrow().startTicks();

        LaunchedProcess adopted = spawned.launcher.adopt(orphan, ticks).orElseThrow();

        assertEquals(orphan, adopted.pgid());
        assertTrue(adopted.isGroupAlive());
        assertFalse(adopted.exit().isDone());
        Instant started = adopted.startedAt();
        assertTrue(Duration.between(started, Instant.now()).abs().toSeconds() < 60, "start time " + started);

        adopted.terminate(Posix.SIGTERM, LONG);

        ExitStatus status = Await.done(adopted.exit(), LONG, "adopted exit");
        assertTrue(status.isUnknown());
        assertFalse(status.isSuccess());
        assertEquals("exited (exit status unknown: it was not started by this supervisor)", status.describe());
        Await.done(adopted.groupGone(), LONG, "adopted group to go");
        assertFalse(Spawned.isLive(orphan));
    }

    @Test
    void adoptOfAGoneProcessIsEmpty() throws Exception {
        LaunchedProcess p = spawned.sh("exit 0");
        Await.done(p.exit(), LONG, "exit");

        Optional<LaunchedProcess> adopted = spawned.launcher.adopt(p.pid(), p.startTicks());

        assertTrue(adopted.isEmpty());
    }

    @Test
    void unknownProgramIsReportedClearly() {
        LaunchException e = assertThrows(LaunchException.class, () -> spawned.launch("no-such-program-sb42"));

        assertEquals("cannot run 'no-such-program-sb42': no such program on PATH", e.getMessage());
    }

    @Test
    void nonExecutableScriptIsReportedClearly() throws Exception {
        Files.writeString(dir.resolve("worker.sh"), "#!/bin/sh\necho hi\n");

        LaunchException e = assertThrows(LaunchException.class, () -> spawned.launch("./worker.sh"));

        assertEquals("cannot run './worker.sh': " + dir.resolve("worker.sh") + " is not executable (chmod +x?)",
                e.getMessage());
    }

    @Test
    void missingScriptIsReportedClearly() {
        LaunchException e = assertThrows(LaunchException.class, () -> spawned.launch("bin/missing"));

        assertEquals("cannot run 'bin/missing': " + dir.resolve("bin/missing") + " does not exist", e.getMessage());
    }

    @Test
    void missingWorkingFolderIsReportedClearly() {
        Path nowhere = dir.resolve("nowhere");
        LaunchSpec spec = new LaunchSpec("x", List.of("true"), nowhere, Map.of(),
                dir.resolve("out.log"), dir.resolve("err.log"));

        LaunchException e = assertThrows(LaunchException.class, () -> spawned.launcher.launch(spec));

        assertEquals("working folder " + nowhere + " does not exist", e.getMessage());
    }

    @Test
    void programIsLookedUpOnThePathGivenInItsEnvironment() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("sb-tool"), "#!/bin/sh\nexit 7\n");
        tool.toFile().setExecutable(true);

        LaunchedProcess p = spawned.launch(List.of("sb-tool"), Map.of("PATH", bin + ":/usr/bin:/bin"));

        assertEquals(ExitStatus.exited(7), Await.done(p.exit(), LONG, "exit"));
    }

    /** A process (and its children) that ignores SIGTERM, launched and confirmed running. */
    private LaunchedProcess stubborn() throws LaunchException {
        LaunchedProcess p = spawned.sh("trap '' TERM; echo $$ > trapped; while :; do sleep 0.05; done");
        spawned.pidFrom("trapped");
        return p;
    }
}
