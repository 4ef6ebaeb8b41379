package dev.switchboard.ui.e2e;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.ui.logs.LogEntry;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control panel driven like a user would, against the real in-process supervisor and real
 * processes (the sample stacks' python stand-ins). Every process is stopped after each test.
 */
class ControlPanelEndToEndTest {
    private static final Duration START = Duration.ofSeconds(45);
    private static final List<String> DEMO = List.of("hub", "stt", "tts", "model-server", "worker");

    @TempDir
    Path home;

    private PanelDriver panel;

    @AfterEach
    void stopEverything() throws Exception {
        if (panel != null) {
            panel.close();
        }
    }

    private boolean allShow(List<String> processes, ProcessState state) {
        return processes.stream().allMatch(p -> panel.light(p) == state);
    }

    @Test
    void headsetDemoStartsShowsLogsAndStopsLeavingThePersistModelServerRunning() throws Exception {
        panel = new PanelDriver(home).open(null);
        panel.await("the bundled demo is selected on first run", Duration.ofSeconds(10),
                () -> panel.vm().selectedStackProperty().get() != null
                        && panel.vm().selectedStackProperty().get().name().equals("headset-demo")
                        && panel.light("worker") == ProcessState.STOPPED);

        panel.click("#stack-start");
        panel.await("every light is green", START, () -> DEMO.stream().allMatch(p -> panel.light(p) == ProcessState.READY));

        panel.click("#node-stt");
        panel.await("the details show stt", Duration.ofSeconds(5), () -> "stt".equals(panel.text("#details-name")));
        panel.await("stt's log shows its ready line", Duration.ofSeconds(10), () -> panel.vm().logs().lines().stream()
                .map(LogEntry::text).anyMatch(t -> t.contains("STT server ready")));
        assertTrue(panel.vm().logs().lines().stream().allMatch(l -> l.process().equals("stt")));

        // a restarted process's new lines follow its old ones in the open view
        panel.click("#process-restart");
        panel.await("stt's log shows the ready line of its second launch", START, () -> panel.vm().logs().lines().stream()
                .map(LogEntry::text).filter(t -> t.contains("STT server ready")).count() == 2);
        panel.await("every light is green again", START, () -> DEMO.stream().allMatch(p -> panel.light(p) == ProcessState.READY));

        panel.click("#stack-stop");
        panel.await("own processes are stopped", START,
                () -> allShow(List.of("hub", "stt", "tts", "worker"), ProcessState.STOPPED));
        assertEquals(ProcessState.READY, panel.light("model-server"), "persist outlives the stack's stop");
        assertEquals("left running (persist)", panel.text("#node-model-server .process-caption"));
    }

    @Test
    void brokenDemoShowsTheFailedModelServerWithItsExitCodeAndTraceback() throws Exception {
        panel = new PanelDriver(home).open(PanelDriver.SAMPLE_STACKS.resolve("broken-demo.yaml"));
        panel.await("broken-demo is loaded", Duration.ofSeconds(10), () -> panel.light("model-server") == ProcessState.STOPPED);
        assertFalse(panel.showing("#failure-banner"));

        panel.click("#stack-start");
        panel.await("model-server is red", START, () -> panel.light("model-server") == ProcessState.FAILED);
        panel.await("the banner explains it", Duration.ofSeconds(10), () -> panel.showing("#failure-banner")
                && panel.text("#failure-tail").contains("CUDA out of memory"));
        String headline = panel.text("#failure-text");
        assertTrue(headline.contains("model-server") && headline.contains("code 1"), headline);
        assertTrue(panel.text("#failure-tail").contains("Traceback"), panel.text("#failure-tail"));
        assertEquals(ProcessState.SKIPPED, panel.light("worker"));

        panel.click("#failure-show-log");
        panel.await("the details show model-server", Duration.ofSeconds(5),
                () -> "model-server".equals(panel.text("#details-name")));
        panel.await("the log shows its stderr", Duration.ofSeconds(10), () -> !panel.vm().logs().visibleLines().isEmpty()
                && panel.vm().logs().visibleLines().stream().allMatch(LogEntry::isStderr));
    }

    @Test
    void aReuseProcessHasNoStartOrStopOnlyCheck() throws Exception {
        try (ServerSocket db = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path file = userStack("reuse-demo.yaml", """
                    name: reuse-demo
                    processes:
                      - name: db
                        launch_mode: reuse
                        port: %d
                      - name: app
                        command: [sh, -c, "echo app up; sleep 600", "%s"]
                        ready: started
                    """.formatted(db.getLocalPort(), home.toAbsolutePath()));
            panel = new PanelDriver(home).open(file);
            panel.await("reuse-demo is loaded", Duration.ofSeconds(10), () -> panel.light("app") == ProcessState.STOPPED);

            panel.click("#node-db");
            panel.await("the details show db", Duration.ofSeconds(5), () -> "db".equals(panel.text("#details-name")));
            assertFalse(panel.showing("#process-start"), "no Start for a reuse process");
            assertFalse(panel.showing("#process-stop"), "no Stop for a reuse process");
            assertTrue(panel.showing("#process-check"));

            panel.robot.push(KeyCode.CONTROL, KeyCode.ENTER);
            panel.await("both are green after Ctrl+Enter", START, () -> allShow(List.of("db", "app"), ProcessState.READY));
            panel.click("#process-check");
            panel.await("the check passed", Duration.ofSeconds(10), () -> panel.light("db") == ProcessState.READY
                    && panel.vm().messageProperty().get() == null);

            panel.robot.push(KeyCode.CONTROL, KeyCode.PERIOD);
            panel.await("app stopped after Ctrl+.", START, () -> panel.light("app") == ProcessState.STOPPED);
            assertFalse(panel.light("db") == ProcessState.STOPPING || panel.light("db") == ProcessState.FAILED,
                    "a reuse process is never signalled");
        }
    }

    @Test
    void stoppingAPersistProcessAsksFirst() throws Exception {
        Path file = userStack("persist-demo.yaml", """
                name: persist-demo
                processes:
                  - name: cache
                    launch_mode: persist
                    command: [sh, -c, "echo cache warm; sleep 600", "%s"]
                    ready: started
                """.formatted(home.toAbsolutePath()));
        panel = new PanelDriver(home).open(file);
        panel.await("persist-demo is loaded", Duration.ofSeconds(10), () -> panel.light("cache") == ProcessState.STOPPED);
        panel.click("#stack-start");
        panel.await("cache is green", START, () -> panel.light("cache") == ProcessState.READY);

        panel.click("#node-cache");
        panel.click("#process-stop");
        panel.await("a confirmation is shown", Duration.ofSeconds(5), () -> panel.showing("#confirm-dialog"));
        panel.robot.clickOn(panel.robot.lookup("#confirm-dialog .button").match((Button b) -> b.isCancelButton())
                .queryButton());
        assertEquals(ProcessState.READY, panel.light("cache"), "cancelled: still running");

        panel.click("#process-stop");
        panel.await("a confirmation is shown", Duration.ofSeconds(5), () -> panel.showing("#confirm-dialog"));
        panel.robot.clickOn(panel.robot.lookup("#confirm-dialog .button").match((Button b) -> b.isDefaultButton())
                .queryButton());
        panel.await("cache is stopped", START, () -> panel.light("cache") == ProcessState.STOPPED);
    }

    @Test
    void anEditThatBreaksTheFileShowsLineAndColumnAndLeavesProcessesRunning() throws Exception {
        String good = """
                name: edit-demo
                processes:
                  - name: app
                    command: [sh, -c, "echo up; sleep 600", "%s"]
                    ready: started
                """.formatted(home.toAbsolutePath());
        Path file = userStack("edit-demo.yaml", good);
        panel = new PanelDriver(home).open(file);
        panel.await("edit-demo is loaded", Duration.ofSeconds(10), () -> panel.light("app") == ProcessState.STOPPED);
        panel.click("#stack-start");
        panel.await("app is green", START, () -> panel.light("app") == ProcessState.READY);

        Files.writeString(file, good.replace("    ready: started", "    ready: started\n    restart_policy: always"));
        panel.await("the problem is shown", Duration.ofSeconds(15), () -> panel.showing("#problems"));
        String problem = panel.onFx(() -> panel.robot.lookup(".problem-where").queryLabeled().getText());
        assertEquals("line 6, column 5", problem);
        assertEquals(ProcessState.READY, panel.light("app"), "running processes are left alone");

        Files.writeString(file, good);
        panel.await("the problem is gone once fixed", Duration.ofSeconds(15), () -> !panel.showing("#problems"));
        assertEquals(ProcessState.READY, panel.light("app"));
    }

    private Path userStack(String name, String text) throws Exception {
        Path dir = Files.createDirectories(home.resolve("stacks-of-mine"));
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
