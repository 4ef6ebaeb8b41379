package dev.switchboard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start order: sequence items, parallel groups and depends_on branches, with real processes. */
class SupervisorOrderTest {

    /** A process that becomes ready after {@code delay} seconds and then idles. */
    static String service(String name, double delay) {
        return "  - name: " + name + "\n"
                + "    command: [sh, -c, 'sleep " + delay + "; touch \"$SWITCHBOARD_READY_FILE\"; exec sleep 1000']\n"
                + "    stop_timeout: 5s\n";
    }

    @Test
    void serialItemsStartEachAfterThePreviousIsReady(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: serial\nprocesses:\n" + service("a", 0.2) + service("b", 0.1) + service("c", 0));
            StackStatus st = f.up();
            assertEquals(StackState.READY, st.state(), st.toString());
            assertTrue(f.indexOf("a", ProcessState.READY) < f.indexOf("b", ProcessState.STARTING));
            assertTrue(f.indexOf("b", ProcessState.READY) < f.indexOf("c", ProcessState.STARTING));
            assertFalse(f.when("b", ProcessState.STARTING).isBefore(f.when("a", ProcessState.READY)));
        }
    }

    @Test
    void parallelMembersAreSpawnedTogetherAndTheNextItemWaitsForAll(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: par\nprocesses:\n" + service("hub", 0)
                    + "  - parallel:\n" + service("stt", 0.6).replace("  - ", "      - ").replace("\n    ", "\n        ")
                    + service("tts", 0.3).replace("  - ", "      - ").replace("\n    ", "\n        ")
                    + service("worker", 0));
            assertEquals(StackState.READY, f.up().state());
            int sttStart = f.indexOf("stt", ProcessState.STARTING);
            int ttsStart = f.indexOf("tts", ProcessState.STARTING);
            int firstReady = Math.min(f.indexOf("stt", ProcessState.READY), f.indexOf("tts", ProcessState.READY));
            assertTrue(sttStart < firstReady && ttsStart < firstReady, "both members spawned before either was ready");
            int workerStart = f.indexOf("worker", ProcessState.STARTING);
            assertTrue(workerStart > f.indexOf("stt", ProcessState.READY));
            assertTrue(workerStart > f.indexOf("tts", ProcessState.READY));
        }
    }

    @Test
    void dependsOnBranchesStartInParallel(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: branches\nprocesses:\n" + service("root", 0)
                    + service("left", 0.5) + "    depends_on: [root]\n"
                    + service("right", 0.5) + "    depends_on: [root]\n"
                    + service("join", 0) + "    depends_on: [left, right]\n");
            assertEquals(StackState.READY, f.up().state());
            int leftStart = f.indexOf("left", ProcessState.STARTING);
            int rightStart = f.indexOf("right", ProcessState.STARTING);
            int firstReady = Math.min(f.indexOf("left", ProcessState.READY), f.indexOf("right", ProcessState.READY));
            assertTrue(leftStart < firstReady && rightStart < firstReady, "independent branches overlap");
            assertTrue(f.indexOf("join", ProcessState.STARTING) > Math.max(f.indexOf("left", ProcessState.READY),
                    f.indexOf("right", ProcessState.READY)));
        }
    }

    @Test
    void dependsOnConditionsStartedAndCompleted(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: conditions\nprocesses:\n"
                    + "  - name: configure\n    command: [sh, -c, 'sleep 0.3; exit 0']\n    ready: exited\n"
                    + service("slow", 2) + "    depends_on: {}\n"
                    + service("early", 0) + "    depends_on: {slow: started}\n"
                    + service("after-config", 0) + "    depends_on: {configure: completed}\n");
            StackStatus st = f.up();
            assertEquals(StackState.READY, st.state(), st.toString());
            assertEquals(ProcessState.COMPLETED, st.process("configure").state());
            assertTrue(f.indexOf("early", ProcessState.STARTING) < f.indexOf("slow", ProcessState.READY),
                    "a 'started' dependent does not wait for readiness");
            assertTrue(f.indexOf("after-config", ProcessState.STARTING) > f.indexOf("configure", ProcessState.COMPLETED));
        }
    }

    @Test
    void stopGoesInReverseOrderOfTheGraph(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: reverse\nprocesses:\n" + service("hub", 0) + service("mid", 0) + service("worker", 0));
            f.up();
            f.events.clear();
            StackStatus st = f.down(false);
            assertEquals(StackState.STOPPED, st.state());
            List<Integer> stopping = List.of(f.indexOf("worker", ProcessState.STOPPING),
                    f.indexOf("mid", ProcessState.STOPPING), f.indexOf("hub", ProcessState.STOPPING));
            assertTrue(stopping.get(0) < f.indexOf("worker", ProcessState.STOPPED));
            assertTrue(f.indexOf("worker", ProcessState.STOPPED) < stopping.get(1), "mid waits for worker to be gone");
            assertTrue(f.indexOf("mid", ProcessState.STOPPED) < stopping.get(2), "hub waits for mid to be gone");
            st.processes().forEach(p -> assertFalse(StackFixture.alive(p.pid()), p.name() + " still alive"));
        }
    }

    @Test
    void startingOneProcessStartsWhatItDependsOnOnly(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            f.stack("name: partial\nprocesses:\n" + service("hub", 0) + service("mid", 0) + service("worker", 0));
            StackStatus st = f.supervisor.start(f.stack, "mid").get();
            assertEquals(ProcessState.READY, st.process("hub").state());
            assertEquals(ProcessState.READY, st.process("mid").state());
            assertEquals(ProcessState.STOPPED, st.process("worker").state());
            st = f.supervisor.stop(f.stack, "hub").get();
            assertEquals(ProcessState.STOPPED, st.process("mid").state(), "stopping hub stops its dependents first");
            assertEquals(ProcessState.STOPPED, st.process("hub").state());
            f.awaitStack(s -> s.state() == StackState.STOPPED, Duration.ofSeconds(5));
        }
    }
}
