package dev.switchboard.ui.e2e;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.engine.Supervisor;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.StackLoader;
import dev.switchboard.ui.AppConfig;
import dev.switchboard.ui.SwitchboardApp;
import dev.switchboard.ui.controls.StatusLight;
import dev.switchboard.ui.stack.ControlPanelViewModel;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the real control panel against a real in-process {@link Supervisor} in a private home, and
 * reads what the window shows. {@link #close()} stops every process, persist ones included.
 */
final class PanelDriver implements AutoCloseable {
    /** The sample stacks of the project (headset-demo, broken-demo, …). */
    static final Path SAMPLE_STACKS = Path.of("stacks").toAbsolutePath();

    final SwitchboardHome home;
    /** Test stacks pass this as an argument, so leftovers can be found by their command line. */
    final String marker;
    final Supervisor supervisor;
    final FxRobot robot = new FxRobot();
    private SwitchboardApp app;

    PanelDriver(Path root) {
        home = SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", root.toString()), root.toString());
        marker = root.toAbsolutePath().toString();
        supervisor = new Supervisor(home);
    }

    /** Opens the window; {@code initialFile} may be null (first run: the bundled demo is selected). */
    PanelDriver open(Path initialFile) throws Exception {
        return open(initialFile, false);
    }

    /**
     * Opens the window as {@code switchboard gui} does when {@code asInstalled}: desktop notifications on,
     * and stacks said to outlive the window (which the in-process supervisor of a test does not really do).
     */
    PanelDriver open(Path initialFile, boolean asInstalled) throws Exception {
        AppConfig config = new AppConfig(() -> supervisor, false, StackLoader::load, home, SAMPLE_STACKS, initialFile,
                "in-process supervisor", asInstalled, asInstalled, null);
        FxToolkit.registerPrimaryStage();
        app = (SwitchboardApp) FxToolkit.setupApplication(() -> new SwitchboardApp(config));
        return this;
    }

    ControlPanelViewModel vm() {
        return app.viewModel();
    }

    /** Runs on the FX thread and returns the result. */
    <T> T onFx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until the condition (checked on the FX thread) holds, failing with {@code what} after the deadline. */
    void await(String what, Duration deadline, Supplier<Boolean> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!onFx(condition)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting until " + what);
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }

    /** The window. */
    javafx.stage.Stage stage() {
        return onFx(() -> (javafx.stage.Stage) app.mainView().getScene().getWindow());
    }

    /** The state shown by the light of a process's node in the graph. */
    ProcessState light(String process) {
        return onFx(() -> {
            Node node = app.mainView().graph().nodeFor(process);
            if (node == null) {
                return null;
            }
            return ((StatusLight) node.lookup(".status-light")).getState();
        });
    }

    /** Clicks a control once it is shown, enabled and laid out (the window updates once per frame). */
    void click(String selector) {
        await(selector + " can be clicked", Duration.ofSeconds(10), () -> robot.lookup(selector).tryQuery()
                .map(n -> n.getScene() != null && ancestorsVisible(n) && !n.isDisabled()
                        && n.getBoundsInLocal().getWidth() > 0
                        && !(n instanceof javafx.scene.Parent p && p.isNeedsLayout())).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(selector);
    }

    /** Text of a labelled node found by CSS selector. */
    String text(String selector) {
        return onFx(() -> {
            Node n = robot.lookup(selector).query();
            return n instanceof Labeled l ? l.getText() : n instanceof javafx.scene.control.TextInputControl t ? t.getText() : null;
        });
    }

    /** True when a node matching the selector exists and is shown. */
    boolean showing(String selector) {
        return onFx(() -> robot.lookup(selector).tryQuery().map(n -> n.isVisible() && n.getScene() != null
                && ancestorsVisible(n)).orElse(false));
    }

    private static boolean ancestorsVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            closeWindowAndStacks();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the test's stacks", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test's window and stacks", e);
        }
    }

    private void closeWindowAndStacks() throws Exception {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
        } finally {
            // every process, persist ones too, then the supervisor
            for (StackStatus s : supervisor.status().get(10, TimeUnit.SECONDS)) {
                try {
                    supervisor.down(s.name(), true).get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.err.println("cleanup of " + s.name() + ": " + e);
                }
            }
            supervisor.close();
            killLeftovers();
        }
    }

    /**
     * A safety net: a test's own processes carry {@link #marker} in their argv; any still alive after the
     * supervisor stopped everything is killed (and reported, since the supervisor should have stopped it).
     */
    private void killLeftovers() {
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .forEach(p -> {
                    System.err.println("left running after the supervisor stopped everything: " + p.pid() + " "
                            + p.info().commandLine().orElse(""));
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
    }
}
