package dev.switchboard.engine;

import static dev.switchboard.engine.SupervisorOrderTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fail-fast behaviour: exits before ready, timeouts, failures after ready, unknown programs. */
class SupervisorFailureTest {

    @Test
    void exitBeforeReadyFailsNamingTheExitCodeAndSkipsDependents(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: early-exit\nprocesses:\n" + service("hub", 0)
                    + "  - name: model\n    command: [sh, -c, 'echo \"Traceback: boom\" >&2; sleep 0.2; exit 3']\n"
                    + service("worker", 0));
            StackStatus st = f.up();
            assertEquals(StackState.FAILED, st.state());
            ProcessStatus model = st.process("model");
            assertEquals(ProcessState.FAILED, model.state());
            assertEquals(3, model.exitCode());
            assertTrue(model.reason().startsWith("model exited with code 3 before it was ready (after "), model.reason());
            assertEquals(ProcessState.SKIPPED, st.process("worker").state());
            assertEquals(ProcessState.STOPPED, st.process("hub").state(), "the abort stops what was started");
            assertTrue(st.reason().contains("model exited with code 3"), st.reason());
            assertFalse(StackFixture.alive(st.process("hub").pid()));
        }
    }

    @Test
    void deathBySignalIsReportedAsTheSignal(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: sig\nprocesses:\n  - name: victim\n    command: [sh, -c, 'kill -KILL $$']\n");
            ProcessStatus p = f.up().process("victim");
            assertEquals(9, p.signal());
            assertTrue(p.reason().contains("was killed by SIGKILL before it was ready"), p.reason());
        }
    }

    @Test
    void readyTimeoutFailsNamingTheProcessAndTheTimeWaited(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: slow\nprocesses:\n  - name: sleepy\n    command: [sh, -c, 'exec sleep 1000']\n"
                    + "    ready: {timeout: 400ms}\n");
            Instant t0 = Instant.now();
            StackStatus st = f.up();
            assertEquals(ProcessState.FAILED, st.process("sleepy").state());
            assertTrue(st.process("sleepy").reason().startsWith("sleepy was not ready after 0.4 s"),
                    st.process("sleepy").reason());
            assertTrue(Duration.between(t0, Instant.now()).toMillis() < 5_000);
            assertFalse(StackFixture.alive(st.process("sleepy").pid()), "a timed-out process is stopped");
        }
    }

    @Test
    void parallelSiblingFailureAbortsWithinASecondWhileAnotherIsSlow(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: abort\nprocesses:\n  - parallel:\n"
                    + "      - name: slow\n        command: [sh, -c, 'sleep 30; touch \"$SWITCHBOARD_READY_FILE\"']\n"
                    + "      - name: broken\n        command: [sh, -c, 'sleep 0.3; exit 1']\n"
                    + service("after", 0));
            StackStatus st = f.up();
            Instant failedAt = st.process("broken").endedAt();
            Instant settled = Instant.now();
            assertEquals(StackState.FAILED, st.state());
            assertTrue(Duration.between(failedAt, settled).toMillis() < 1_000,
                    "aborted " + Duration.between(failedAt, settled).toMillis() + " ms after the failure");
            assertEquals(ProcessState.STOPPED, st.process("slow").state());
            assertFalse(StackFixture.alive(st.process("slow").pid()));
            assertEquals(ProcessState.SKIPPED, st.process("after").state());
        }
    }

    @Test
    void firstUnexpectedExitAfterReadyStopsTheRest(@TempDir Path dir) throws Exception {
        Path quit = dir.resolve("quit");
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: crash\nprocesses:\n" + service("hub", 0)
                    + "  - name: flaky\n    command: [sh, -c, 'touch \"$SWITCHBOARD_READY_FILE\"; while [ ! -e " + quit
                    + " ]; do sleep 0.05; done; exit 7']\n"
                    + service("worker", 0));
            assertEquals(StackState.READY, f.up().state());
            Files.createFile(quit);
            StackStatus st = f.awaitStack(s -> s.state() == StackState.FAILED, Duration.ofSeconds(10));
            assertTrue(st.reason().startsWith("flaky exited with code 7 after it was ready"), st.reason());
            assertEquals(ProcessState.STOPPED, st.process("worker").state());
            assertEquals(ProcessState.STOPPED, st.process("hub").state());
            assertFalse(StackFixture.alive(st.process("hub").pid()));
        }
    }

    @Test
    void unknownProgramFailsWithAClearMessage(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: typo\nprocesses:\n  - name: hub\n    command: no-such-program-xyz --port 1\n");
            ProcessStatus hub = f.up().process("hub");
            assertEquals(ProcessState.FAILED, hub.state());
            assertTrue(hub.reason().contains("hub failed to start: cannot run 'no-such-program-xyz'"), hub.reason());
        }
    }

    @Test
    void aReadyFileLeftByAnEarlierLaunchNeverCounts(@TempDir Path dir) throws Exception {
        Path once = dir.resolve("once");
        try (StackFixture f = new StackFixture(dir)) {
            // Touches its ready file only on the first launch.
            f.stack("name: stale\nprocesses:\n  - name: svc\n    command: [sh, -c, 'if [ ! -e " + once
                    + " ]; then touch " + once + " \"$SWITCHBOARD_READY_FILE\"; fi; exec sleep 1000']\n"
                    + "    ready: {timeout: 700ms}\n");
            assertEquals(StackState.READY, f.up().state());
            f.down(false);
            StackStatus second = f.up();
            assertEquals(ProcessState.FAILED, second.process("svc").state(), second.toString());
            assertTrue(second.process("svc").reason().contains("was not ready after 0.7 s"));
        }
    }
}
