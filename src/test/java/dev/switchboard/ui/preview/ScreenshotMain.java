package dev.switchboard.ui.preview;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.engine.Supervisor;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.StackLoader;
import dev.switchboard.ui.AppConfig;
import dev.switchboard.ui.SwitchboardApp;
import dev.switchboard.ui.stack.ControlPanelViewModel;
import dev.switchboard.ui.stack.StackViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Renders the control panel for the user guide: the running headset demo (light and dark) and the
 * failed broken demo, with the real in-process supervisor and the sample stacks. Run by
 * packaging/screenshots.sh under Xvfb; writes PNGs to target/screenshots/. Test scope only.
 */
public final class ScreenshotMain {
    private ScreenshotMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots").toAbsolutePath();
        Path stacks = Path.of(System.getProperty("switchboard.stacks", "stacks")).toAbsolutePath();
        Path root = Files.createTempDirectory("sb-screens");
        SwitchboardHome home = SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", root.toString()), root.toString());
        Supervisor supervisor = new Supervisor(home);
        int code = 0;
        try {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(30, TimeUnit.SECONDS);
            AppConfig config = new AppConfig(() -> supervisor, false, StackLoader::load, home, stacks, null,
                    "supervisor service (pid " + ProcessHandle.current().pid() + ")", true, false, null);
            SwitchboardApp app = new SwitchboardApp(config);
            app.init();
            Stage stage = fx(() -> {
                Stage s = new Stage();
                app.start(s);
                s.setWidth(1440);
                s.setHeight(900);
                return s;
            });
            ControlPanelViewModel vm = app.viewModel();

            StackViewModel demo = fx(() -> vm.stacks().stream().filter(s -> s.name().equals("headset-demo")).findFirst().orElseThrow());
            await(() -> demo.isOpened() && demo.spec() != null, Duration.ofSeconds(20));
            fx(() -> vm.startStack(demo));
            await(() -> demo.processes().stream().allMatch(p -> p.state() == ProcessState.READY), Duration.ofSeconds(60));
            fx(() -> {
                vm.selectedProcessProperty().set(demo.process("stt"));
                return null;
            });
            Thread.sleep(6_000); // some heartbeat lines in the log
            shoot(stage, out.resolve("running.png"));
            fx(() -> {
                ((javafx.scene.control.ToggleButton) stage.getScene().lookup("#theme-toggle")).setSelected(true);
                return null;
            });
            shoot(stage, out.resolve("running-dark.png"));
            fx(() -> {
                ((javafx.scene.control.ToggleButton) stage.getScene().lookup("#theme-toggle")).setSelected(false);
                return null;
            });

            StackViewModel broken = fx(() -> vm.stacks().stream().filter(s -> s.name().equals("broken-demo")).findFirst().orElseThrow());
            fx(() -> {
                vm.select(broken);
                return null;
            });
            await(() -> broken.isOpened() && broken.spec() != null, Duration.ofSeconds(20));
            fx(() -> vm.startStack(broken));
            await(() -> broken.failedProcessProperty().get() != null && !broken.failureTail().isEmpty()
                    && broken.processes().stream().noneMatch(p -> p.state() != null && p.state().isActive()), Duration.ofSeconds(60));
            fx(() -> {
                vm.selectedProcessProperty().set(broken.process("model-server"));
                return null;
            });
            Thread.sleep(1_500);
            shoot(stage, out.resolve("failed.png"));
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        } finally {
            for (StackStatus s : supervisor.status().get(10, TimeUnit.SECONDS)) {
                supervisor.down(s.name(), true).get(60, TimeUnit.SECONDS);
            }
            supervisor.close();
            Platform.exit();
        }
        System.exit(code);
    }

    private static void shoot(Stage stage, Path file) throws Exception {
        Thread.sleep(700);
        fx(() -> {
            Scene scene = stage.getScene();
            Snapshots.save(scene, file);
            return null;
        });
        System.out.println("wrote " + file);
    }

    private interface FxCall<T> {
        T call() throws Exception;
    }

    private static <T> T fx(FxCall<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void await(Supplier<Boolean> condition, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!fx(condition::get)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + deadline);
            }
            Thread.sleep(100);
        }
    }
}
