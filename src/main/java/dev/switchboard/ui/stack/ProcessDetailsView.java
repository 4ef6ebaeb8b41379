package dev.switchboard.ui.stack;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.ProcessSpec;
import dev.switchboard.ui.Format;
import dev.switchboard.ui.controls.StatusLight;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Everything about the selected process: mode, pid, readiness, times, exit, argv, log files, and its buttons. */
public final class ProcessDetailsView extends VBox {
    private final ControlPanelViewModel vm;
    private final Commands commands;
    private final Consumer<String> showDocument;
    private final StatusLight light = new StatusLight();
    private final Label name = new Label();
    private final Label stateText = new Label();
    private final GridPane grid = new GridPane();
    private final Label hint = new Label("Select a process in the graph to see its details.");
    private final HBox buttons = new HBox(6);
    private final ChangeListener<Object> refresh = (o, a, b) -> update();
    private final Button start = new Button("▶ Start");
    private final Button stop = new Button("■ Stop");
    private final Button restart = new Button("↻ Restart");
    private final Button check = new Button("Check");
    private final Label managedNote = new Label(Actions.MANAGED_OUTSIDE);
    private Label uptime;
    private ProcessViewModel shown;

    /**
     * Creates the panel.
     *
     * @param showDocument opens a folder or file with the desktop's handler (HostServices)
     */
    public ProcessDetailsView(ControlPanelViewModel vm, Commands commands, Consumer<String> showDocument) {
        this.vm = vm;
        this.commands = commands;
        this.showDocument = showDocument;
        getStyleClass().add("process-details");
        setId("process-details");
        name.getStyleClass().add("details-name");
        name.setId("details-name");
        stateText.getStyleClass().add("dim");
        stateText.setId("details-state");
        HBox header = new HBox(8, light, name, stateText);
        header.setAlignment(Pos.CENTER_LEFT);
        grid.getStyleClass().add("details-grid");
        grid.setHgap(10);
        grid.setVgap(5);
        hint.getStyleClass().add("dim");
        hint.setWrapText(true);
        buttons.setId("process-buttons");
        buttons.setAlignment(Pos.CENTER_LEFT);
        // the buttons sit under the name, so they never scroll out of a short panel
        getChildren().addAll(header, buttons, grid, hint);
        setSpacing(10);
        vm.selectedProcessProperty().addListener((o, was, now) -> show(now));
        start.setId("process-start");
        start.setOnAction(e -> commands.start(shown));
        stop.setId("process-stop");
        stop.setOnAction(e -> commands.stop(shown));
        restart.setId("process-restart");
        restart.setOnAction(e -> commands.restart(shown));
        check.setId("process-check");
        check.setOnAction(e -> commands.check(shown));
        managedNote.getStyleClass().add("dim");
        vm.nowProperty().addListener((o, a, now) -> {
            ProcessStatus st = shown == null ? null : shown.status();
            if (uptime != null && st != null && st.startedAt() != null) {
                uptime.setText(Format.between(st.startedAt(), now));
            }
        });
        show(vm.selectedProcessProperty().get());
    }

    private void show(ProcessViewModel p) {
        if (shown != null) {
            shown.statusProperty().removeListener(refresh);
            shown.specProperty().removeListener(refresh);
        }
        shown = p;
        if (p != null) {
            p.statusProperty().addListener(refresh);
            p.specProperty().addListener(refresh);
        }
        rebuildButtons();
        update();
    }

    private void update() {
        ProcessViewModel p = shown;
        boolean has = p != null;
        hint.setVisible(!has);
        hint.setManaged(!has);
        grid.setVisible(has);
        light.setVisible(has);
        if (!has) {
            name.setText("No process selected");
            stateText.setText("");
            grid.getChildren().clear();
            return;
        }
        ProcessStatus s = p.status();
        ProcessSpec spec = p.spec();
        Instant now = vm.nowProperty().get();
        light.setState(p.state());
        name.setText(p.name());
        stateText.setText(StatusLight.describe(p.state()));

        grid.getChildren().clear();
        int row = 0;
        row = add(row, "mode", modeLine(p.mode()));
        if (s != null && s.pid() != null) {
            row = add(row, "pid", value(s.pid() + (s.adopted() ? "  (adopted)" : "")));
        }
        if (spec != null) {
            String ready = spec.ready().probe().describe();
            if (s != null && s.readyAfterMs() != null) {
                ready += ", after " + Format.duration(Duration.ofMillis(s.readyAfterMs()));
            }
            row = add(row, "ready", value(ready));
        }
        uptime = null;
        if (s != null && s.startedAt() != null && s.state().isActive()) {
            uptime = value(Format.between(s.startedAt(), now));
            row = add(row, "up", uptime);
        }
        if (s != null && (s.exitCode() != null || s.signal() != null)) {
            row = add(row, "exit", value(Format.exit(s)));
        }
        if (s != null && s.reason() != null) {
            Label reason = value(s.reason());
            reason.setWrapText(true);
            reason.getStyleClass().add(s.state() == ProcessState.FAILED ? "danger-text" : "note-text");
            row = add(row, s.state() == ProcessState.FAILED ? "reason" : "note", reason);
        }
        if (spec != null && !spec.argv().isEmpty()) {
            row = add(row, "argv", argvField(spec.argv()));
        }
        if (spec != null) {
            Label cwd = value(spec.cwd().toString());
            cwd.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            cwd.setTooltip(new Tooltip(spec.cwd().toString()));
            row = add(row, "cwd", cwd);
        }
        if (s != null && (s.stdoutLog() != null || s.stderrLog() != null)) {
            add(row, "logs", logFiles(s));
        }
        updateButtons();
    }

    private Node modeLine(LaunchMode mode) {
        Label badge = new Label(mode.id());
        badge.getStyleClass().addAll("mode-badge", "mode-" + mode.id());
        badge.setMinWidth(Region.USE_PREF_SIZE);
        Label what = new Label(switch (mode) {
            case OWN -> "started and stopped with the stack";
            case PERSIST -> "left running when the stack stops";
            case REUSE -> Actions.MANAGED_OUTSIDE;
        });
        what.getStyleClass().add("dim");
        HBox box = new HBox(6, badge, what);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node argvField(List<String> argv) {
        String text = argv.stream().map(ProcessDetailsView::quote).collect(Collectors.joining(" "));
        TextField field = new TextField(text);
        field.setEditable(false);
        field.setId("details-argv");
        field.getStyleClass().add("mono");
        HBox.setHgrow(field, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setTooltip(new Tooltip("Copy the command line"));
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text);
            Clipboard.getSystemClipboard().setContent(c);
        });
        HBox box = new HBox(4, field, copy);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static String quote(String arg) {
        return arg.isEmpty() || arg.chars().anyMatch(c -> " \t\"'\\$`".indexOf(c) >= 0)
                ? "'" + arg.replace("'", "'\\''") + "'" : arg;
    }

    private Node logFiles(ProcessStatus s) {
        VBox files = new VBox(2);
        for (String f : new String[]{s.stdoutLog(), s.stderrLog()}) {
            if (f != null) {
                Label l = value(f);
                l.getStyleClass().add("mono");
                l.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
                l.setTooltip(new Tooltip(f));
                files.getChildren().add(l);
            }
        }
        String any = s.stdoutLog() != null ? s.stdoutLog() : s.stderrLog();
        Button open = new Button("Open folder");
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.setId("open-log-folder");
        open.setTooltip(new Tooltip("Open the folder holding these log files"));
        open.setOnAction(e -> showDocument.accept(Path.of(any).getParent().toUri().toString()));
        HBox box = new HBox(6, files, open);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private int add(int row, String key, Node value) {
        Label k = new Label(key);
        k.getStyleClass().add("details-key");
        k.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(k, 0, row);
        grid.add(value, 1, row);
        GridPane.setHgrow(value, Priority.ALWAYS);
        return row + 1;
    }

    private static Label value(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("details-value");
        return l;
    }

    private void rebuildButtons() {
        buttons.getChildren().clear();
        ProcessViewModel p = shown;
        if (p == null) {
            return;
        }
        if (p.mode() == LaunchMode.REUSE) {
            buttons.getChildren().addAll(wrap(check), managedNote);
        } else {
            buttons.getChildren().addAll(wrap(start), wrap(stop), wrap(restart));
        }
    }

    private void updateButtons() {
        ProcessViewModel p = shown;
        if (p == null) {
            return;
        }
        apply(start, Actions.startProcess(p));
        apply(stop, Actions.stopProcess(p));
        apply(restart, Actions.restartProcess(p));
        apply(check, Actions.check(p));
    }

    /** Enables or disables a button, with what it does or why it cannot as its tooltip. */
    static void apply(Button b, Availability a) {
        b.setDisable(!a.enabled());
        Tooltip tip = b.getTooltip();
        if (tip == null) {
            tip = new Tooltip();
            tip.setShowDelay(javafx.util.Duration.millis(250));
            b.setTooltip(tip);
            if (b.getParent() != null) {
                Tooltip.install(b.getParent(), tip);
            }
        }
        tip.setText(a.why());
    }

    /** Disabled controls get no mouse events, so the reason must show on a wrapper around the button. */
    static HBox wrap(Button b) {
        if (b.getParent() instanceof HBox h && h.getStyleClass().contains("button-wrap")) {
            return h;
        }
        HBox h = new HBox(b);
        h.getStyleClass().add("button-wrap");
        if (b.getTooltip() != null) {
            Tooltip.install(h, b.getTooltip());
        }
        return h;
    }
}
