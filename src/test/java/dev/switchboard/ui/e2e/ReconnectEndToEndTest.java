package dev.switchboard.ui.e2e;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.daemon.SupervisorDaemon;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.engine.Supervisor;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.StackLoader;
import dev.switchboard.ui.AppConfig;
import dev.switchboard.ui.SwitchboardApp;
import dev.switchboard.ui.controls.StatusLight;
import dev.switchboard.ui.logs.LogEntry;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The window against a real supervisor service (served in-process over its socket): when the service
 * goes away and a new one comes up, the window reconnects by itself and shows its stacks again.
 */
class ReconnectEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private SwitchboardHome home;
    private Supervisor supervisor;
    private SupervisorDaemon service;
    private SwitchboardApp app;
    /** A stack a test started: the service leaves its processes running when it goes, so it is stopped at the end. */
    private Path started;

    @AfterEach
    void closeEverything() throws Exception {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
        } finally {
            try {
                if (started != null) {
                    if (supervisor == null) {
                        startService(); // it adopts what the previous one left running
                    }
                    String name = supervisor.open(started).get(10, TimeUnit.SECONDS).name();
                    supervisor.down(name, true).get(20, TimeUnit.SECONDS);
                }
            } finally {
                stopService();
            }
        }
    }

    private void startService() throws Exception {
        supervisor = new Supervisor(home);
        Supervisor backend = supervisor;
        service = SupervisorDaemon.start(home, h -> new SupervisorDaemon.Backend(backend, backend::detach));
    }

    private void stopService() {
        if (service != null) {
            service.close();
            service = null;
        }
        if (supervisor != null) {
            supervisor.close();
            supervisor = null;
        }
    }

    @Test
    void windowReconnectsAfterTheServiceRestartsAndShowsItsStacksAgain() throws Exception {
        home = SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", root.toString()), root.toString());
        Path stack = Files.writeString(root.resolve("quiet.yaml"),
                "name: quiet\nprocesses:\n  - name: idler\n    command: [sh, -c, 'sleep 300']\n");
        openWindowOnAService(stack);
        await("the window shows the stack", () -> light("idler") == ProcessState.STOPPED);
        await("the service knows the stack", () -> knows("quiet"));

        stopService();
        await("the window says it lost the connection", () -> connection().contains("reconnecting"));
        startService();

        await("the window says it reconnected", () -> connection().equals("reconnected to the supervisor service (second)"));
        await("the window opened its stack in the new service", () -> knows("quiet"));
        await("the window still shows the stack", () -> light("idler") == ProcessState.STOPPED);
    }

    @Test
    void theLogViewGoesOnShowingARunningProcessAfterTheServiceRestarts() throws Exception {
        home = SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", root.toString()), root.toString());
        // 5,000 lines first, more than a new service reads back when it adopts the process (64 KiB):
        // its numbering starts over below what the window has seen
        started = Files.writeString(root.resolve("talk.yaml"), "name: talk\nprocesses:\n  - name: talker\n"
                + "    command: [sh, -c, 'seq -f \"burst %094g\" 5000; touch \"$SWITCHBOARD_READY_FILE\"; i=0;"
                + " while :; do i=$((i+1)); echo \"tick $i\"; sleep 0.05; done']\n");
        openWindowOnAService(started);
        await("the service knows the stack", () -> knows("talk"));
        onFx(() -> {
            app.viewModel().logWholeStackProperty().set(true);
            return null;
        });
        supervisor.up("talk").get(20, TimeUnit.SECONDS);
        await("the log view shows ticks", () -> lastTick() > 0);

        stopService();
        await("the window says it lost the connection", () -> connection().contains("reconnecting"));
        long before = lastTick();
        startService();
        await("the window says it reconnected", () -> connection().equals("reconnected to the supervisor service (second)"));

        await("the log view shows ticks written after the new service took over (last shown before: " + before + ")",
                () -> lastTick() > before + 20);
    }

    /** The number of the newest "tick N" line in the log view, or 0. */
    private long lastTick() {
        return onFx(() -> app.viewModel().logs().lines().stream().map(LogEntry::text)
                .filter(t -> t.startsWith("tick ")).mapToLong(t -> Long.parseLong(t.substring(5).trim()))
                .max().orElse(0));
    }

    @Test
    void windowIsDrawnBeforeItConnectsAndOpensItsStackOnceConnected() throws Exception {
        home = SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", root.toString()), root.toString());
        Path stack = Files.writeString(root.resolve("quiet.yaml"),
                "name: quiet\nprocesses:\n  - name: idler\n    command: [sh, -c, 'sleep 300']\n");
        java.util.concurrent.CountDownLatch serviceUp = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        AppConfig config = new AppConfig(null, true, StackLoader::load, home, null, stack,
                "connecting to the supervisor service…", true, false, null, () -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new java.io.IOException("no service yet");
                    }
                    if (!serviceUp.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new java.io.IOException("the test did not start the service");
                    }
                    SupervisorClient client = SupervisorClient.connect(home);
                    return new AppConfig.Connection(client, "supervisor service (test)", client.disconnected());
                });
        FxToolkit.registerPrimaryStage();
        app = (SwitchboardApp) FxToolkit.setupApplication(() -> new SwitchboardApp(config));

        // drawn while no service exists: a failed attempt is reported and retried
        await("the window says why it cannot connect yet", () -> connection().contains("no service yet"));
        startService();
        serviceUp.countDown();

        await("the window says it connected", () -> connection().equals("connected to the supervisor service (test)"));
        await("the stack asked for before connecting reached the service", () -> knows("quiet"));
        await("the window shows the stack", () -> light("idler") == ProcessState.STOPPED);
    }

    /**
     * Starts the service and opens the window on {@code stack}, connected to it ("first"); once the
     * connection is lost the window reconnects to whatever service answers then ("second").
     */
    private void openWindowOnAService(Path stack) throws Exception {
        startService();
        SupervisorClient first = SupervisorClient.connect(home);
        AppConfig config = new AppConfig(() -> first, true, StackLoader::load, home, null, stack,
                "supervisor service (first)", true, false, first.disconnected(), () -> {
                    SupervisorClient again = SupervisorClient.connect(home);
                    return new AppConfig.Connection(again, "supervisor service (second)", again.disconnected());
                });
        FxToolkit.registerPrimaryStage();
        app = (SwitchboardApp) FxToolkit.setupApplication(() -> new SwitchboardApp(config));
    }

    private boolean knows(String stack) {
        try {
            return supervisor.status().get(5, TimeUnit.SECONDS).stream().map(StackStatus::name).anyMatch(stack::equals);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String connection() {
        return onFx(() -> ((Label) app.mainView().lookup("#connection")).getText());
    }

    private ProcessState light(String process) {
        return onFx(() -> {
            Node node = app.mainView().graph().nodeFor(process);
            return node == null ? null : ((StatusLight) node.lookup(".status-light")).getState();
        });
    }

    private static <T> T onFx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting until " + what);
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }
}
