package dev.switchboard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.model.StackFileException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API: try-with-resources always stops the stack, and close() may be called twice. */
class EmbeddedStackTest {

    private static SwitchboardHome home(Path dir) {
        return new SwitchboardHome(dir.resolve("run"), dir.resolve("state"), dir.resolve("config"));
    }

    @Test
    void startAwaitAndCloseStopsEverythingEvenTwice(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("embedded.yaml"), "processes:\n"
                + SupervisorOrderTest.service("hub", 0.1) + SupervisorOrderTest.service("worker", 0));
        List<Event> events = new CopyOnWriteArrayList<>();
        long hub;
        EmbeddedStack stack = EmbeddedStack.open(file, home(dir));
        try (stack) {
            stack.onEvent(events::add);
            stack.start();
            StackStatus ready = stack.awaitReady(Duration.ofSeconds(20));
            assertEquals(StackState.READY, ready.state());
            assertEquals("embedded", stack.name());
            hub = ready.process("hub").pid();
            assertTrue(StackFixture.alive(hub));
        }
        assertFalse(StackFixture.alive(hub), "closing stopped the stack");
        stack.close(); // a second close is harmless
        assertTrue(events.getFirst() instanceof Event.Snapshot, "subscribers get a snapshot first");
        assertThrows(IllegalStateException.class, stack::start);
    }

    @Test
    void aStackThatAnotherSupervisorRunsIsNotStartedTwice(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("embedded.yaml"), "processes:\n" + SupervisorOrderTest.service("hub", 0));
        // the other supervisor: a real 'switchboard run' in its own JVM, on the same home
        ProcessBuilder run = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.switchboard.Launcher", "run", file.toString())
                .redirectOutput(dir.resolve("run.out").toFile()).redirectError(dir.resolve("run.err").toFile());
        run.environment().put("SWITCHBOARD_HOME", dir.toString()); // the same folders as home(dir)
        Process other = run.start();
        try {
            Await.until(Duration.ofSeconds(30), () -> "the other run to be ready: " + read(dir.resolve("run.out"))
                    + read(dir.resolve("run.err")), () -> read(dir.resolve("run.out")).contains("==> embedded is ready"));
            try (EmbeddedStack stack = EmbeddedStack.open(file, home(dir))) {
                IllegalStateException refused = assertThrows(IllegalStateException.class, stack::start);
                assertTrue(refused.getMessage().startsWith("embedded is already running (hub pid "), refused.getMessage());
            }
        } finally {
            other.destroy(); // SIGTERM: a clean stop of what it started
            if (!other.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
        assertEquals(0, other.exitValue(), "the other run stopped cleanly: " + read(dir.resolve("run.err")));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void aFailedStartIsReportedWithTheProcessAndItsExitCode(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"),
                "processes:\n  - name: model\n    command: [sh, -c, 'exit 1']\n");
        try (EmbeddedStack stack = EmbeddedStack.open(file, home(dir))) {
            stack.start();
            EmbeddedStack.StackFailedException failed = assertThrows(EmbeddedStack.StackFailedException.class,
                    () -> stack.awaitReady(Duration.ofSeconds(20)));
            assertTrue(failed.getMessage().contains("model exited with code 1 before it was ready"), failed.getMessage());
        }
    }

    @Test
    void anInvalidFileIsRejectedWithItsProblems(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "processes:\n  - name: x\n    comand: y\n");
        StackFileException e = assertThrows(StackFileException.class, () -> EmbeddedStack.open(file, home(dir)));
        assertTrue(e.getMessage().contains("bad.yaml:3:5"), e.getMessage());
    }
}
