package dev.switchboard.ui;

import dev.switchboard.ui.graph.DependencyGraphView;
import dev.switchboard.ui.logs.LogView;
import dev.switchboard.ui.stack.Commands;
import dev.switchboard.ui.stack.ControlPanelViewModel;
import dev.switchboard.ui.stack.FailureBanner;
import dev.switchboard.ui.stack.ProblemsView;
import dev.switchboard.ui.stack.ProcessDetailsView;
import dev.switchboard.ui.stack.SidebarView;
import dev.switchboard.ui.stack.StackToolbar;
import dev.switchboard.ui.stack.TimelineView;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The control panel window's content: stack toolbar and failure banner on top; stacks on the left;
 * the dependency graph; the selected process's details beside its logs; the startup timeline; and the
 * status bar. Views are built in code and each owns a small part of the view model.
 */
public final class MainView extends BorderPane {
    private final ControlPanelViewModel vm;
    private final Commands commands;
    private final DependencyGraphView graph;
    private final LogView logView;
    private final SplitPane outer;
    private final SplitPane middle;
    private final SplitPane bottom;

    /**
     * Builds the window content.
     *
     * @param open          runs the Open… dialog
     * @param openFolder    opens the user's stacks folder
     * @param showDocument  opens a file or folder URI with the desktop (HostServices)
     * @param themeToggle   the light/dark switch for the toolbar
     * @param connection    the status bar's description of the supervisor
     * @param outliveNote   the status bar's note on what closing the window does
     */
    public MainView(ControlPanelViewModel vm, Commands commands, Runnable open, Runnable openFolder,
                    Consumer<String> showDocument, Node themeToggle, String connection, String outliveNote) {
        this.vm = vm;
        this.commands = commands;
        getStyleClass().add("main-view");
        graph = new DependencyGraphView(vm, commands);
        logView = new LogView(vm);

        StackToolbar toolbar = new StackToolbar(vm, commands, themeToggle);
        FailureBanner banner = new FailureBanner(vm, logView::showStderrOf);
        setTop(new VBox(toolbar, banner));

        SidebarView sidebar = new SidebarView(vm, open, openFolder);
        ProblemsView problems = new ProblemsView(vm, showDocument);
        VBox graphArea = new VBox(problems, graph);
        VBox.setVgrow(graph, Priority.ALWAYS);
        graphArea.getStyleClass().add("graph-area");

        ProcessDetailsView details = new ProcessDetailsView(vm, commands, showDocument);
        ScrollPane detailsScroll = new ScrollPane(details);
        detailsScroll.setFitToWidth(true);
        detailsScroll.getStyleClass().add("details-scroll");
        bottom = new SplitPane(detailsScroll, logView);
        bottom.setId("details-logs-split");

        TimelineView timeline = new TimelineView(vm);
        middle = new SplitPane(graphArea, bottom, timeline);
        middle.setOrientation(Orientation.VERTICAL);
        middle.setId("main-split");

        outer = new SplitPane(sidebar, middle);
        outer.setId("sidebar-split");
        setCenter(outer);
        setBottom(statusBar(connection, outliveNote));
    }

    private HBox statusBar(String connection, String outliveNote) {
        Label dot = new Label("●");
        dot.getStyleClass().add("connection-dot");
        Label conn = new Label(connection);
        conn.setId("connection");
        Label note = new Label(outliveNote);
        note.getStyleClass().add("dim");
        Label message = new Label();
        message.setId("status-message");
        message.getStyleClass().add("danger-text");
        message.textProperty().bind(vm.messageProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label keys = new Label("Ctrl+Enter start · Ctrl+. stop · Ctrl+R restart · Ctrl+F search · Ctrl+0 fit");
        keys.getStyleClass().add("dim");
        HBox bar = new HBox(8, dot, conn, note, message, spacer, keys);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /** Shows in the status bar that the supervisor can no longer be reached, and whether the window retries. */
    public void connectionLost(boolean reconnecting) {
        Label conn = (Label) lookup("#connection");
        Label dot = (Label) lookup(".connection-dot");
        conn.setText(reconnecting ? "lost the connection to the supervisor: stacks keep running; reconnecting…"
                : "lost the connection to the supervisor: stacks keep running; start Switchboard again to reconnect");
        conn.getStyleClass().add("danger-text");
        dot.getStyleClass().add("lost");
    }

    /** Shows in the status bar that the window is connected (again, unless {@code first}). */
    public void connected(String connection, boolean first) {
        Label conn = (Label) lookup("#connection");
        Label dot = (Label) lookup(".connection-dot");
        conn.setText((first ? "connected to the " : "reconnected to the ") + connection);
        conn.getStyleClass().remove("danger-text");
        dot.getStyleClass().removeAll("lost", "connecting");
    }

    /** Shows in the status bar that the window is still connecting to the supervisor. */
    public void connecting() {
        lookup(".connection-dot").getStyleClass().add("connecting");
    }

    /** Shows in the status bar why the first connection failed; the window keeps trying. */
    public void cannotConnect(String reason) {
        Label conn = (Label) lookup("#connection");
        Label dot = (Label) lookup(".connection-dot");
        conn.setText("cannot reach the supervisor service (" + reason + "); retrying…");
        conn.getStyleClass().add("danger-text");
        dot.getStyleClass().add("lost");
    }

    /** Adds the keyboard shortcuts and file drag-and-drop to the scene. */
    public void install(Scene scene, Runnable open, Consumer<Path> openDropped) {
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), commands::startStack);
        acc.put(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), commands::stopStack);
        acc.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), commands::restartStack);
        acc.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), logView::focusSearch);
        acc.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), open);
        acc.put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), graph::fit);
        acc.put(new KeyCodeCombination(KeyCode.NUMPAD0, KeyCombination.SHORTCUT_DOWN), graph::fit);

        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream()
                    .anyMatch(f -> StackFolderWatcher.isStackFile(f.toPath()))) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles()) {
                for (File f : e.getDragboard().getFiles()) {
                    if (StackFolderWatcher.isStackFile(f.toPath())) {
                        openDropped.accept(f.toPath());
                        done = true;
                    }
                }
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /** Restores split positions from the settings. */
    public void restoreLayout(Settings settings) {
        outer.setDividerPositions(settings.getNumber("split.sidebar", 0.17));
        middle.setDividerPositions(settings.getNumber("split.graph", 0.50), settings.getNumber("split.timeline", 0.76));
        bottom.setDividerPositions(settings.getNumber("split.details", 0.34));
    }

    /** Stores split positions in the settings. */
    public void saveLayout(Settings settings) {
        settings.setNumber("split.sidebar", outer.getDividerPositions()[0]);
        settings.setNumber("split.graph", middle.getDividerPositions()[0]);
        settings.setNumber("split.timeline", middle.getDividerPositions()[1]);
        settings.setNumber("split.details", bottom.getDividerPositions()[0]);
    }

    /** The graph view. */
    public DependencyGraphView graph() {
        return graph;
    }

    /** The log view. */
    public LogView logView() {
        return logView;
    }
}
