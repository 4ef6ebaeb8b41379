package dev.switchboard.ui.graph;

import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.ui.Format;
import dev.switchboard.ui.controls.StatusLight;
import dev.switchboard.ui.stack.ProcessViewModel;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Instant;

/** One process in the dependency graph: light, name, mode badge and a live caption. */
final class ProcessNode extends VBox {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final ProcessViewModel process;
    private final StatusLight light = new StatusLight();
    private final Label caption = new Label();
    private final Tooltip tooltip = new Tooltip();
    private final ObservableValue<Instant> now;
    private final ChangeListener<Object> refresh = (o, a, b) -> update();

    ProcessNode(ProcessViewModel process, ObservableValue<Instant> now) {
        this.process = process;
        this.now = now;
        getStyleClass().add("process-node");
        setId("node-" + process.name());
        Label name = new Label(process.name());
        name.getStyleClass().add("process-name");
        name.setMinWidth(0);
        HBox top = new HBox(6, light, name);
        top.setAlignment(Pos.CENTER_LEFT);
        LaunchMode mode = process.mode();
        Label badge = modeBadge(mode);
        caption.getStyleClass().add("process-caption");
        caption.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bottom = new HBox(6, caption, spacer, badge);
        bottom.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, bottom);
        setPrefSize(GraphLayout.NODE_W, GraphLayout.NODE_H);
        setMinSize(GraphLayout.NODE_W, GraphLayout.NODE_H);
        setMaxSize(GraphLayout.NODE_W, GraphLayout.NODE_H);
        Tooltip.install(this, tooltip);
        process.statusProperty().addListener(refresh);
        now.addListener(refresh);
        update();
    }

    /** A badge for a launch mode: own plain, persist outlined, reuse dashed. */
    static Label modeBadge(LaunchMode mode) {
        Label badge = new Label(mode.id());
        badge.getStyleClass().addAll("mode-badge", "mode-" + mode.id());
        badge.setMinWidth(Region.USE_PREF_SIZE);
        return badge;
    }

    ProcessViewModel process() {
        return process;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** Stops listening to the view model (the node is being thrown away). */
    void dispose() {
        process.statusProperty().removeListener(refresh);
        now.removeListener(refresh);
    }

    private void update() {
        ProcessStatus s = process.status();
        light.setState(s == null ? null : s.state());
        caption.setText(Format.caption(s, now.getValue()));
        StringBuilder tip = new StringBuilder(process.name()).append(" — ").append(StatusLight.describe(light.getState()));
        tip.append("\nmode: ").append(process.mode().id());
        if (s != null && s.reason() != null) {
            tip.append("\n").append(s.reason());
        }
        tooltip.setText(tip.toString());
    }
}
