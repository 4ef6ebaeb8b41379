package dev.switchboard.ui.stack;

import dev.switchboard.engine.StackState;
import dev.switchboard.ui.Format;
import dev.switchboard.ui.controls.StatusLight;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.time.Duration;
import java.util.List;

/** The stack's buttons and its summary: name, light, how many processes are ready, how long it has been starting. */
public final class StackToolbar extends HBox {
    private final ControlPanelViewModel vm;
    private final Button start = new Button("▶ Start");
    private final Button stop = new Button("■ Stop");
    private final Button restart = new Button("↻ Restart");
    private final MenuItem stopAll = new MenuItem("Stop everything, including persist processes…");
    private final StatusLight light = new StatusLight();
    private final Label name = new Label();
    private final Label summary = new Label();
    private final ChangeListener<Object> refresh = (o, a, b) -> update();
    private final javafx.beans.InvalidationListener problemsChanged = o -> update();
    private StackViewModel shown;

    /** Creates the toolbar; {@code trailing} nodes (theme switch, …) go to its right end. */
    public StackToolbar(ControlPanelViewModel vm, Commands commands, javafx.scene.Node... trailing) {
        this.vm = vm;
        getStyleClass().add("stack-toolbar");
        setId("stack-toolbar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        start.setId("stack-start");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> commands.startStack());
        stop.setId("stack-stop");
        stop.setOnAction(e -> commands.stopStack());
        restart.setId("stack-restart");
        restart.setOnAction(e -> commands.restartStack());
        stopAll.setId("stack-stop-all");
        stopAll.setOnAction(e -> commands.stopStackWithPersist());
        MenuButton more = new MenuButton("⋯", null, stopAll);
        more.setId("stack-more");
        more.setTooltip(new Tooltip("More stop options"));
        name.getStyleClass().add("stack-name");
        name.setId("stack-name");
        summary.getStyleClass().add("dim");
        summary.setId("stack-summary");
        for (var c : List.of(start, stop, restart, more, name, summary)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox title = new HBox(8, light, name, summary);
        title.setAlignment(Pos.CENTER_LEFT);
        title.getStyleClass().add("stack-title");
        getChildren().addAll(ProcessDetailsView.wrap(start), ProcessDetailsView.wrap(stop),
                ProcessDetailsView.wrap(restart), more, title, spacer);
        getChildren().addAll(trailing);
        vm.selectedStackProperty().addListener((o, was, now) -> show(now));
        vm.nowProperty().addListener((o, a, b) -> {
            if (shown != null && shown.state() == StackState.STARTING) {
                update();
            }
        });
        show(vm.selectedStackProperty().get());
    }

    private void show(StackViewModel stack) {
        if (shown != null) {
            shown.stateProperty().removeListener(refresh);
            shown.revisionProperty().removeListener(refresh);
            shown.problems().removeListener(problemsChanged);
            shown.processes().forEach(p -> p.statusProperty().removeListener(refresh));
        }
        shown = stack;
        if (stack != null) {
            stack.stateProperty().addListener(refresh);
            stack.revisionProperty().addListener(refresh);
            stack.problems().addListener(problemsChanged);
        }
        update();
    }

    private void update() {
        StackViewModel s = shown;
        if (s == null) {
            name.setText("No stack selected");
            light.setState(null);
            summary.setText("");
            for (Button b : new Button[]{start, stop, restart}) {
                ProcessDetailsView.apply(b, Availability.no("choose a stack first"));
            }
            stopAll.setDisable(true);
            return;
        }
        // process lights change often; listening to each keeps the count current
        s.processes().forEach(p -> {
            p.statusProperty().removeListener(refresh);
            p.statusProperty().addListener(refresh);
        });
        name.setText(s.name());
        light.setState(s.state() == null ? null : StatusLight.forStack(s.state()));
        StackViewModel.ReadyCount c = s.readyCount();
        StringBuilder text = new StringBuilder();
        if (s.state() != null) {
            text.append(c.ready()).append('/').append(c.total()).append(" ready");
        }
        if (s.state() == StackState.STARTING && s.stateSinceProperty().get() != null) {
            text.append(" · starting ").append(Format.duration(Duration.between(s.stateSinceProperty().get(), vm.nowProperty().get())));
        } else if (s.state() != null && s.state() != StackState.READY) {
            text.append(" · ").append(s.state().id());
        }
        summary.setText(text.toString());
        ProcessDetailsView.apply(start, Actions.startStack(s));
        ProcessDetailsView.apply(stop, Actions.stopStack(s));
        ProcessDetailsView.apply(restart, Actions.restartStack(s));
        Availability all = Actions.stopStackWithPersist(s);
        stopAll.setDisable(!all.enabled());
    }
}
