package dev.switchboard.ui.preview;

import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.model.Condition;
import dev.switchboard.model.Dependency;
import dev.switchboard.model.DependencyGraph;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.Probe;
import dev.switchboard.model.ProcessSpec;
import dev.switchboard.model.ReadySpec;
import dev.switchboard.model.SourceLocation;
import dev.switchboard.model.StackSpec;
import dev.switchboard.model.StopSignal;
import dev.switchboard.ui.AppConfig;
import dev.switchboard.ui.SwitchboardApp;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Renders the window with a canned stack to target/screenshots/preview-*.png. Test scope only. */
public final class PreviewMain {
    private PreviewMain() {
    }

    private static ProcessSpec p(Path file, String name, LaunchMode mode, int item, boolean parallel, Probe probe, String... deps) {
        return new ProcessSpec(name, List.of("uv", "run", "--quiet", "--project", "/srv/" + name, name, "--config", "yaml/" + name + ".yaml"),
                Path.of("/srv/" + name), Map.of(), mode, null, new ReadySpec(probe, Duration.ofSeconds(120), ReadySpec.DEFAULT_INTERVAL),
                Arrays.stream(deps).map(d -> new Dependency(d, Condition.READY)).toList(), StopSignal.TERM,
                Duration.ofSeconds(20), List.of(), item, parallel, new SourceLocation(file, 1, 1));
    }

    public static void main(String[] args) throws Exception {
        boolean failed = args.length > 0 && args[0].equals("failed");
        boolean dark = args.length > 1 && args[1].equals("dark");
        Path home = Files.createTempDirectory("sb-preview");
        Path stacks = Files.createDirectories(home.resolve("bundled"));
        Path file = stacks.resolve("headset-demo.yaml");
        Files.writeString(file, "name: headset-demo\n");
        Files.writeString(stacks.resolve("broken-demo.yaml"), "name: broken-demo\n");
        SwitchboardHome h = SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", home.toString()), home.toString());
        Files.createDirectories(h.configDir());
        Files.writeString(h.configDir().resolve("gui.properties"), "theme=" + (dark ? "dark" : "light") + "\n");
        List<ProcessSpec> ps = List.of(
                p(file, "hub", LaunchMode.OWN, 0, false, new Probe.File()),
                p(file, "stt", LaunchMode.OWN, 1, true, new Probe.File(), "hub"),
                p(file, "tts", LaunchMode.OWN, 1, true, new Probe.File(), "hub"),
                p(file, "model-server", LaunchMode.PERSIST, 2, false, new Probe.Tcp("127.0.0.1", 8000)),
                p(file, "worker", LaunchMode.OWN, 3, false, new Probe.File(), "stt", "tts", "model-server", "redis"),
                p(file, "redis", LaunchMode.REUSE, 4, false, new Probe.Tcp("127.0.0.1", 6379)));
        if (args.length > 0 && args[0].equals("many")) {
            List<ProcessSpec> many = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                List<String> deps = new java.util.ArrayList<>();
                if (i >= 8) {
                    deps.add("svc-" + (i - 8));
                    deps.add("svc-" + (i * 7 % (i - 7)));
                }
                many.add(p(file, "svc-" + i, i % 13 == 0 ? LaunchMode.PERSIST : LaunchMode.OWN, i / 8, i % 8 < 3,
                        new Probe.File(), deps.toArray(String[]::new)));
            }
            ps = many;
        }
        StackSpec spec = new StackSpec("headset-demo", "", file, stacks, ps, DependencyGraph.of(ps));
        ScriptedControl control = new ScriptedControl(file, failed, ps.stream().map(ProcessSpec::name).toList());
        AppConfig config = new AppConfig(() -> control, true, f -> spec, h, stacks, null,
                "preview (no supervisor)", true, false, null);
        Path out = Path.of("target/screenshots/preview-" + (args.length > 0 ? args[0] : "running") + (dark ? "-dark" : "") + ".png");
        Platform.startup(() -> {
            try {
                SwitchboardApp app = new SwitchboardApp(config);
                app.init();
                Stage stage = new Stage();
                app.start(stage);
                stage.setWidth(1400);
                stage.setHeight(900);
                var pause = new javafx.animation.PauseTransition(javafx.util.Duration.millis(1500));
                pause.setOnFinished(e -> {
                    app.viewModel().selectedProcessProperty().set(
                            app.viewModel().selectedStackProperty().get().process(failed ? "model-server" : args.length > 0 && args[0].equals("many") ? "svc-50" : "stt"));
                    var later = new javafx.animation.PauseTransition(javafx.util.Duration.millis(800));
                    later.setOnFinished(x -> {
                        try {
                            Snapshots.save(stage.getScene(), out);
                            System.out.println("wrote " + out.toAbsolutePath());
                        } catch (Exception ex) {
                            ex.printStackTrace();
                        }
                        Platform.exit();
                        System.exit(0);
                    });
                    later.play();
                });
                pause.play();
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        });
    }
}
