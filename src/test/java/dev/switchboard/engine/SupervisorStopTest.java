package dev.switchboard.engine;

import static dev.switchboard.engine.SupervisorOrderTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping whole process groups, escalation to SIGKILL, and launch modes across starts. */
class SupervisorStopTest {

    @Test
    void stopKillsGrandchildren(@TempDir Path dir) throws Exception {
        Path gc = dir.resolve("gc.pid");
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: tree\nprocesses:\n  - name: parent\n    command: [sh, -c, 'sleep 1000 & echo $! > " + gc
                    + "; touch \"$SWITCHBOARD_READY_FILE\"; wait']\n");
            f.up();
            long grandchild = f.pidFrom(gc);
            assertTrue(StackFixture.alive(grandchild));
            f.down(false);
            assertFalse(StackFixture.alive(grandchild), "grandchild outlived the stop");
        }
    }

    @Test
    void stopKillsGrandchildrenAfterLeaderExited(@TempDir Path dir) throws Exception {
        Path gc = dir.resolve("gc.pid");
        try (StackFixture f = new StackFixture(dir)) {
            // The leader leaves a grandchild behind and exits after it is ready: the stack fails and
            // the stop that follows must still reach the grandchild through the group.
            f.stack("name: orphan\nprocesses:\n" + service("hub", 0)
                    + "  - name: leader\n    command: [sh, -c, 'sleep 1000 & echo $! > " + gc
                    + "; touch \"$SWITCHBOARD_READY_FILE\"; sleep 0.3; exit 0']\n");
            f.up();
            long grandchild = f.pidFrom(gc);
            StackStatus st = f.awaitStack(s -> s.state() == StackState.FAILED, Duration.ofSeconds(10));
            assertTrue(st.reason().startsWith("leader exited with code 0 after it was ready"), st.reason());
            StackFixture.awaitTrue(() -> !StackFixture.alive(grandchild), Duration.ofSeconds(5),
                    () -> "grandchild " + grandchild + " survived its leader's group stop");
        }
    }

    @Test
    void twoTermIgnoringProcessesAreBothKilledAtTheirGrace(@TempDir Path dir) throws Exception {
        String stubborn = "        command: [sh, -c, 'trap \"\" TERM; touch \"$SWITCHBOARD_READY_FILE\"; "
                + "while true; do sleep 0.1; done']\n        stop_timeout: 500ms\n";
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: stubborn\nprocesses:\n  - parallel:\n      - name: a\n" + stubborn
                    + "      - name: b\n" + stubborn);
            StackStatus up = f.up();
            assertEquals(StackState.READY, up.state(), up.toString());
            Instant t0 = Instant.now();
            StackStatus st = f.down(false);
            long ms = Duration.between(t0, Instant.now()).toMillis();
            assertFalse(StackFixture.alive(up.process("a").pid()));
            assertFalse(StackFixture.alive(up.process("b").pid()));
            assertEquals(ProcessState.STOPPED, st.process("a").state());
            assertTrue(ms >= 450 && ms < 2_000, "both SIGKILLed at their 500 ms grace, together: took " + ms + " ms");
        }
    }

    @Test
    void stopSignalIsHonoured(@TempDir Path dir) throws Exception {
        Path got = dir.resolve("got");
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: signals\nprocesses:\n  - name: intme\n    command: [sh, -c, 'trap \"echo INT > " + got
                    + "; exit 0\" INT; touch \"$SWITCHBOARD_READY_FILE\"; while true; do sleep 0.05; done']\n"
                    + "    stop_signal: INT\n");
            f.up();
            f.down(false);
            assertEquals("INT", java.nio.file.Files.readString(got).trim());
        }
    }

    @Test
    void persistIsLeftRunningAndAdoptedOnTheNextStart(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: persist\nprocesses:\n" + service("model", 0) + "    launch_mode: persist\n" + service("app", 0));
            StackStatus first = f.up();
            long pid = first.process("model").pid();
            StackStatus down = f.down(false);
            assertEquals(ProcessState.READY, down.process("model").state());
            assertEquals("left running (persist)", down.process("model").reason());
            assertTrue(StackFixture.alive(pid));
            assertFalse(StackFixture.alive(first.process("app").pid()));
            assertEquals(StackState.STOPPED, down.state());

            StackStatus again = f.up();
            assertEquals(pid, again.process("model").pid(), "adopted, not spawned twice");
            assertEquals(StackState.READY, again.state());
            StackStatus all = f.down(true);
            assertEquals(ProcessState.STOPPED, all.process("model").state());
            assertFalse(StackFixture.alive(pid));
        }
    }

    @Test
    void stoppingOrRestartingAProcessLeavesItsPersistDependentsRunning(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            // hub <- model (persist) <- worker
            f.stack("name: chain\nprocesses:\n" + service("hub", 0) + service("model", 0) + "    launch_mode: persist\n"
                    + service("worker", 0));
            StackStatus up = f.up();
            long model = up.process("model").pid();
            long hub = up.process("hub").pid();

            StackStatus restarted = f.supervisor.restart(f.stack, "hub").get();
            assertNotEquals(hub, restarted.process("hub").pid(), "the named process is restarted");
            assertEquals(model, restarted.process("model").pid(), "a persist dependent is not stopped for it");
            assertEquals(ProcessState.READY, restarted.process("worker").state());
            assertEquals(StackState.READY, restarted.state());

            StackStatus stopped = f.supervisor.stop(f.stack, "hub").get();
            assertEquals(ProcessState.STOPPED, stopped.process("hub").state());
            assertEquals(ProcessState.STOPPED, stopped.process("worker").state(), "own dependents stop with it");
            assertEquals(ProcessState.READY, stopped.process("model").state());
            assertTrue(StackFixture.alive(model));

            StackStatus named = f.supervisor.stop(f.stack, "model").get();
            assertEquals(ProcessState.STOPPED, named.process("model").state(), "named, it stops");
            assertFalse(StackFixture.alive(model));
        }
    }

    @Test
    void persistLeftByOneSupervisorIsAdoptedByAnother(@TempDir Path dir) throws Exception {
        long pid;
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: persist2\nprocesses:\n" + service("model", 0) + "    launch_mode: persist\n");
            pid = f.up().process("model").pid();
            f.stack = null; // leave it running on close, as `run --exit-after-ready` does
        }
        assertTrue(StackFixture.alive(pid));
        try (StackFixture g = new StackFixture(dir)) {
            g.stack("name: persist2\nprocesses:\n" + service("model", 0) + "    launch_mode: persist\n");
            g.track(pid);
            ProcessStatus model = g.up().process("model");
            assertEquals(pid, model.pid());
            assertTrue(model.adopted());
        }
        assertFalse(StackFixture.alive(pid), "down --persist at close stopped the adopted process");
    }

    @Test
    void abortedStartStopsPersistProcessesItSpawned(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: abortpersist\nprocesses:\n" + service("model", 0) + "    launch_mode: persist\n"
                    + "  - name: broken\n    command: [sh, -c, 'exit 1']\n");
            StackStatus st = f.up();
            assertEquals(StackState.FAILED, st.state());
            Long pid = st.process("model").pid();
            assertNotNull(pid);
            assertEquals(ProcessState.STOPPED, st.process("model").state());
            assertFalse(StackFixture.alive(pid), "a half-started persist service is not left behind");
        }
    }

    @Test
    void rapidStartCheckStopCyclesLeaveNothingBehind(@TempDir Path dir) throws Exception {
        // Commands come from the caller's thread; a state change that ran there instead of on the
        // supervisor's loop once spawned a process twice and lost track of one.
        try (java.net.ServerSocket db = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             StackFixture f = new StackFixture(dir)) {
            Thread.ofVirtual().start(() -> {
                while (!db.isClosed()) {
                    try {
                        db.accept().close();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            String marker = dir.toAbsolutePath().toString();
            f.stack("name: cycles\nprocesses:\n  - name: db\n    launch_mode: reuse\n    port: " + db.getLocalPort()
                    + "\n  - name: app\n    command: [sh, -c, 'echo up; sleep 600', '" + marker + "']\n    ready: started\n");
            for (int i = 0; i < 30; i++) {
                f.up();
                f.supervisor.check(f.stack, "db").get();
                f.down(false);
                java.util.List<ProcessHandle> left = ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
                left.forEach(p -> f.track(p.pid()));
                assertEquals(java.util.List.of(), left.stream().map(ProcessHandle::pid).toList(), "round " + i);
            }
        }
    }

    @Test
    void stopCommandRunsInsteadOfTheSignalAndSigkillStillFollowsAfterTheGrace(@TempDir Path dir) throws Exception {
        Path quit = dir.resolve("quit");
        try (StackFixture f = new StackFixture(dir)) {
            // "polite" ignores SIGTERM and leaves when its stop_command creates the quit file;
            // "deaf" has a stop_command that does nothing, so only SIGKILL at its grace ends it.
            f.stack("name: commands\nprocesses:\n  - parallel:\n"
                    + "      - name: polite\n        command: [sh, -c, 'trap \"\" TERM; touch \"$SWITCHBOARD_READY_FILE\"; "
                    + "while [ ! -e " + quit + " ]; do sleep 0.05; done; exit 0']\n"
                    + "        stop_command: touch " + quit + "\n        stop_timeout: 10s\n"
                    + "      - name: deaf\n        command: [sh, -c, 'trap \"\" TERM; touch \"$SWITCHBOARD_READY_FILE\"; "
                    + "while true; do sleep 0.05; done']\n"
                    + "        stop_command: 'true'\n        stop_timeout: 400ms\n");
            StackStatus up = f.up();
            assertEquals(StackState.READY, up.state(), up.toString());
            Instant t0 = Instant.now();
            StackStatus st = f.down(false);
            long ms = Duration.between(t0, Instant.now()).toMillis();
            assertTrue(java.nio.file.Files.exists(quit), "the stop_command ran");
            assertEquals(0, st.process("polite").exitCode(), "polite left by itself: " + st.process("polite"));
            assertEquals(9, st.process("deaf").signal(), "deaf was SIGKILLed: " + st.process("deaf"));
            assertFalse(StackFixture.alive(up.process("deaf").pid()));
            assertTrue(ms < 5_000, "deaf went at its 400 ms grace, not polite's 10 s: took " + ms + " ms");
        }
    }
}
