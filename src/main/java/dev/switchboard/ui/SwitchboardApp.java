package dev.switchboard.ui;

import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.SwitchboardHome;
import dev.switchboard.ui.stack.Commands;
import dev.switchboard.ui.stack.ControlPanelViewModel;
import dev.switchboard.ui.stack.Notice;
import dev.switchboard.ui.stack.StackViewModel;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The control panel application. Started by {@code switchboard gui} through {@link #launch(AppConfig)},
 * or by tests with {@link #SwitchboardApp(AppConfig)}. It only ever talks to a {@link StackControl}.
 */
public final class SwitchboardApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardApp.class);
    private static final String DEMO = "headset-demo.yaml";
    private static volatile AppConfig pending;

    private final AppConfig config;
    private SwitchableControl control;
    /** The control from the configuration: closed by the window only if {@link AppConfig#ownsControl()}. */
    private StackControl given;
    private volatile boolean closing;
    private ControlPanelViewModel vm;
    private MainView view;
    private EventPump pump;
    private StackControl.Subscription subscription;
    private StackFolderWatcher watcher;
    private Settings settings;
    private Stage stage;
    private final ExecutorService fileReader = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("stack-file-reader").factory());

    /** Used by {@link Application#launch}: takes the configuration given to {@link #launch(AppConfig)}. */
    public SwitchboardApp() {
        this(pending);
    }

    /** Creates the application with its configuration (tests). */
    public SwitchboardApp(AppConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Opens the window and returns when it has been closed. */
    public static void launch(AppConfig config) {
        pending = config;
        Application.launch(SwitchboardApp.class);
    }

    @Override
    public void init() {
        // may connect to or start the supervisor: runs on the launcher thread, not the FX thread
        given = config.control() == null ? null : config.control().get();
        control = given != null ? new SwitchableControl(given) : SwitchableControl.pending();
    }

    @Override
    public void start(Stage primary) {
        if (control == null) {
            init();
        }
        stage = primary;
        settings = Settings.load(config.settingsFile());
        vm = new ControlPanelViewModel(control, config.definitions(), SwitchboardApp::onFx, fileReader, Clock.systemDefaultZone());
        Commands commands = new Commands(vm, () -> stage);
        ToggleButton theme = new ToggleButton();
        theme.setId("theme-toggle");
        theme.setTooltip(new Tooltip("Switch between light and dark"));
        String outlive = config.stacksOutliveWindow() ? "closing this window leaves stacks running"
                : "in-process supervisor: closing this window stops its stacks";
        view = new MainView(vm, commands, this::chooseFile, this::openUserFolder,
                uri -> getHostServices().showDocument(uri), theme, config.connection(), outlive);
        Scene scene = new Scene(view, settings.getNumber("window.width", 1280), settings.getNumber("window.height", 820));
        scene.getStylesheets().add(Objects.requireNonNull(SwitchboardApp.class.getResource("switchboard.css")).toExternalForm());
        view.install(scene, this::chooseFile, vm::openFile);
        setUpTheme(theme);

        listStacks();
        pump = new EventPump(vm);
        subscription = control.subscribe(pump, EventPump.LOG_LINES_PER_SECOND);
        pump.start();
        startWatching();
        if (config.notifications()) {
            vm.setNotifier(this::notify);
        }
        selectFirstStack();
        watchConnection(config.disconnected());

        stage.setTitle("Switchboard");
        stage.setScene(scene);
        restoreWindow();
        stage.setOnCloseRequest(e -> sayStacksKeepRunning());
        stage.show();
        if (StartupProbe.enabled()) {
            StartupProbe.measureFirstFrame(scene);
        }
        if (!control.isConnected()) {
            view.connecting();
            // Connecting (perhaps starting the supervisor) would delay the window by a second: draw it first.
            afterFirstFrame(scene, () -> Reconnector.start(config.reconnect(), 0, () -> closing,
                    c -> Platform.runLater(() -> connected(c, true)),
                    e -> Platform.runLater(() -> view.cannotConnect(e.getMessage() != null ? e.getMessage() : e.toString()))));
        }
        // split positions only stick once the panes have their real size
        Platform.runLater(() -> {
            view.restoreLayout(settings);
            view.graph().requestFocus();
        });
    }

    // ---- connection --------------------------------------------------------------------------

    /** Runs {@code action} once the pulse that draws the window's first frame is done. */
    private static void afterFirstFrame(Scene scene, Runnable action) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            Platform.runLater(action);
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    private void watchConnection(java.util.concurrent.CompletableFuture<Void> disconnected) {
        if (disconnected != null) {
            disconnected.whenComplete((v, e) -> Platform.runLater(this::connectionLost));
        }
    }

    private void connectionLost() {
        if (closing) {
            return;
        }
        boolean retrying = config.reconnect() != null;
        view.connectionLost(retrying);
        if (retrying) {
            Reconnector.start(config.reconnect(), Reconnector.FIRST_WAIT_MILLIS, () -> closing,
                    c -> Platform.runLater(() -> connected(c, false)), e -> { });
        }
    }

    /** Takes a new connection: the first, made after the window was drawn, or one after the previous was lost. */
    private void connected(AppConfig.Connection c, boolean first) {
        if (closing) {
            c.control().close();
            return;
        }
        if (subscription != null) {
            subscription.close();
        }
        StackControl was = control.swap(c.control()); // requests made while connecting go first, in order
        if (was != null) {
            closeIfOwned(was);
        }
        // the snapshot repaints every stack the service knows
        subscription = control.subscribe(pump, EventPump.LOG_LINES_PER_SECOND);
        if (!first) {
            // the stacks shown here are opened again in case it is a new service that never loaded them
            List.copyOf(vm.stacks()).stream().filter(StackViewModel::isOpened).forEach(s -> vm.reload(s, true));
            // a new service numbers the lines of the processes it adopted afresh: fetch the tail again
            vm.logs().reload();
        }
        view.connected(c.description(), first);
        watchConnection(c.disconnected());
    }

    /** Connections made by reconnecting are the window's own; the first one only if the configuration says so. */
    private void closeIfOwned(StackControl c) {
        if (c != given || config.ownsControl()) {
            c.close();
        }
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** The view model, for tests and the screenshot tool. */
    public ControlPanelViewModel viewModel() {
        return vm;
    }

    /** The window content, for tests and the screenshot tool. */
    public MainView mainView() {
        return view;
    }

    // ---- stacks ------------------------------------------------------------------------------

    private void listStacks() {
        if (config.bundledStacks() != null) {
            stackFiles(config.bundledStacks()).forEach(f -> vm.list(f, StackViewModel.Origin.BUNDLED));
        }
        Path user = config.home().userStacksDir();
        try {
            SwitchboardHome.ensurePrivateDir(user);
        } catch (IOException e) {
            LOG.warn("cannot create the user stacks folder {}: {}", user, e.toString());
        }
        stackFiles(user).forEach(f -> vm.list(f, StackViewModel.Origin.USER));
        List<Path> recent = settings.getList("recent").stream().map(Path::of).filter(Files::isRegularFile).toList();
        recent.forEach(f -> vm.list(f, StackViewModel.Origin.OTHER));
        vm.recent().setAll(recent);
    }

    private static List<Path> stackFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> StackFolderWatcher.isStackFile(f) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", folder, e.toString());
            return List.of();
        }
    }

    private void selectFirstStack() {
        if (config.initialFile() != null) {
            vm.openFile(config.initialFile());
            return;
        }
        String last = settings.getText("stack.last", null);
        StackViewModel pick = vm.stacks().stream().filter(s -> s.file().toString().equals(last)).findFirst()
                .or(() -> vm.stacks().stream().filter(s -> s.file().getFileName().toString().equals(DEMO)).findFirst())
                .or(() -> vm.stacks().stream().findFirst())
                .orElse(null);
        if (pick != null) {
            vm.select(pick);
        }
    }

    private void startWatching() {
        try {
            watcher = new StackFolderWatcher(changed -> Platform.runLater(() -> filesChanged(changed)));
        } catch (IOException e) {
            LOG.warn("stack files will not be reloaded on change: {}", e.toString());
            return;
        }
        if (config.bundledStacks() != null) {
            watcher.watch(config.bundledStacks());
        }
        watcher.watch(config.home().userStacksDir());
        vm.stacks().forEach(s -> watcher.watch(s.file().getParent()));
        vm.stacks().addListener((javafx.collections.ListChangeListener<StackViewModel>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(s -> watcher.watch(s.file().getParent()));
            }
        });
    }

    private void filesChanged(Set<Path> files) {
        Path user = config.home().userStacksDir().toAbsolutePath().normalize();
        Path bundled = config.bundledStacks() == null ? null : config.bundledStacks().toAbsolutePath().normalize();
        for (Path f : files) {
            Path dir = f.getParent();
            if (!Files.exists(f)) {
                vm.unlist(f);
                continue;
            }
            if (dir.equals(user)) {
                vm.list(f, StackViewModel.Origin.USER);
            } else if (dir.equals(bundled)) {
                vm.list(f, StackViewModel.Origin.BUNDLED);
            }
            vm.fileChanged(f);
        }
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a stack file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Stack files (*.yaml, *.yml)", "*.yaml", "*.yml"));
        StackViewModel current = vm.selectedStackProperty().get();
        if (current != null && Files.isDirectory(current.file().getParent())) {
            chooser.setInitialDirectory(current.file().getParent().toFile());
        }
        var file = chooser.showOpenDialog(stage);
        if (file != null) {
            vm.openFile(file.toPath());
        }
    }

    private void openUserFolder() {
        getHostServices().showDocument(config.home().userStacksDir().toUri().toString());
    }

    // ---- window ------------------------------------------------------------------------------

    private void setUpTheme(ToggleButton toggle) {
        String saved = settings.getText("theme", null);
        boolean dark = saved != null ? saved.equals("dark")
                : Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        toggle.setSelected(dark);
        applyTheme(dark, toggle);
        toggle.selectedProperty().addListener((o, was, now) -> {
            applyTheme(now, toggle);
            settings.setText("theme", now ? "dark" : "light");
        });
    }

    private void applyTheme(boolean dark, ToggleButton toggle) {
        var classes = view.getStyleClass();
        classes.remove("dark");
        if (dark) {
            classes.add("dark");
        }
        toggle.setText(dark ? "☀" : "☾");
    }

    private void notify(Notice n) {
        if (!stage.isShowing()) {
            return; // closed (or closing): a notification is a popup of the window, it needs one
        }
        Notifications note = Notifications.create().title(n.failure() ? "Stack failed" : "Stack ready")
                .text(n.text()).position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(n.failure() ? 12 : 5))
                .owner(stage);
        if (n.failure()) {
            note.showError();
        } else {
            note.showInformation();
        }
    }

    private void restoreWindow() {
        double x = settings.getNumber("window.x", Double.NaN);
        double y = settings.getNumber("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(settings.getFlag("window.maximized"));
    }

    private void saveWindow() {
        settings.setFlag("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            settings.setNumber("window.x", stage.getX());
            settings.setNumber("window.y", stage.getY());
            settings.setNumber("window.width", stage.getScene().getWidth());
            settings.setNumber("window.height", stage.getScene().getHeight());
        }
        view.saveLayout(settings);
        settings.setList("recent", vm.recent().stream().map(Path::toString).toList());
        StackViewModel sel = vm.selectedStackProperty().get();
        settings.setText("stack.last", sel == null ? null : sel.file().toString());
        settings.save();
    }

    /** The first time the window closes while something runs, says that it keeps running. */
    private void sayStacksKeepRunning() {
        boolean running = vm.stacks().stream().anyMatch(s -> s.processes().stream()
                .anyMatch(p -> p.state() != null && p.state().isActive()));
        if (running && config.stacksOutliveWindow() && !settings.getFlag("notice.keepsRunning")) {
            settings.setFlag("notice.keepsRunning", true);
            Alert a = new Alert(Alert.AlertType.INFORMATION,
                    "The supervisor keeps your stacks running after this window closes. Open Switchboard again "
                            + "to see them, or stop them with 'switchboard down STACK'.");
            a.setTitle("Switchboard");
            a.setHeaderText("Your stacks keep running");
            a.initOwner(stage);
            a.showAndWait();
        }
    }

    @Override
    public void stop() {
        closing = true;
        if (stage != null && stage.getScene() != null) {
            saveWindow();
        }
        if (pump != null) {
            pump.stop();
        }
        if (subscription != null) {
            subscription.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        fileReader.shutdownNow();
        if (control != null && control.current() != null) {
            closeIfOwned(control.current());
        }
    }
}
