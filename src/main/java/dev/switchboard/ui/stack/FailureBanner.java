package dev.switchboard.ui.stack;

import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackState;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * Failure at a glance: what failed and why in one line ("model-server exited with code 1 before it was
 * ready (after 3.2 s)"), the last lines it wrote to stderr, and buttons to copy it or open its log.
 * Hidden while nothing has failed.
 */
public final class FailureBanner extends VBox {
    private final ControlPanelViewModel vm;
    private final Label headline = new Label();
    private final Label tail = new Label();
    private final ChangeListener<Object> refresh = (o, a, b) -> update();
    private final ListChangeListener<String> tailChanged = c -> update();
    private final javafx.scene.control.ScrollPane tailScroll;
    private StackViewModel shown;
    private String dismissed;

    /** Creates the banner; {@code showLog} opens the failed process's stderr in the log view. */
    public FailureBanner(ControlPanelViewModel vm, Consumer<ProcessViewModel> showLog) {
        this.vm = vm;
        getStyleClass().add("failure-banner");
        setId("failure-banner");
        headline.setId("failure-text");
        headline.getStyleClass().add("failure-text");
        headline.setWrapText(true);
        tail.setId("failure-tail");
        tail.getStyleClass().addAll("failure-tail", "mono");
        tail.setWrapText(false);
        tail.setMinHeight(Region.USE_PREF_SIZE);
        tail.setMinWidth(Region.USE_PREF_SIZE);

        Button show = new Button("Show log");
        show.setId("failure-show-log");
        show.setTooltip(new Tooltip("Show this process's stderr in the log view"));
        show.setOnAction(e -> {
            ProcessViewModel p = shown == null ? null : shown.failedProcessProperty().get();
            if (p != null) {
                showLog.accept(p);
            }
        });
        Button copy = new Button("Copy");
        copy.setId("failure-copy");
        copy.setTooltip(new Tooltip("Copy the failure and its last output"));
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(headline.getText() + "\n" + tail.getText() + "\n");
            Clipboard.getSystemClipboard().setContent(c);
        });
        Button close = new Button("✕");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Hide until the next failure"));
        close.setOnAction(e -> {
            dismissed = headline.getText();
            update();
        });
        for (Button b : new Button[]{show, copy, close}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, headline, spacer, show, copy, close);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(headline, Priority.SOMETIMES);
        // a long traceback scrolls inside the banner, showing its end (the error) first
        tailScroll = new javafx.scene.control.ScrollPane(tail);
        tailScroll.getStyleClass().add("failure-tail-scroll");
        tailScroll.setMaxHeight(150);
        tailScroll.setFitToWidth(true);
        getChildren().addAll(top, tailScroll);
        vm.selectedStackProperty().addListener((o, was, now) -> show(now));
        show(vm.selectedStackProperty().get());
    }

    private void show(StackViewModel stack) {
        if (shown != null) {
            shown.failedProcessProperty().removeListener(refresh);
            shown.stateProperty().removeListener(refresh);
            shown.reasonProperty().removeListener(refresh);
            shown.failureTail().removeListener(tailChanged);
        }
        shown = stack;
        if (stack != null) {
            stack.failedProcessProperty().addListener(refresh);
            stack.stateProperty().addListener(refresh);
            stack.reasonProperty().addListener(refresh);
            stack.failureTail().addListener(tailChanged);
        }
        update();
    }

    private void update() {
        String text = failureText(shown);
        boolean visible = text != null && !text.equals(dismissed);
        setVisible(visible);
        setManaged(visible);
        if (text == null) {
            dismissed = null;
            return;
        }
        headline.setText("✖ " + text);
        tail.setText(String.join("\n", shown.failureTail()));
        boolean hasTail = !shown.failureTail().isEmpty();
        tailScroll.setVisible(hasTail);
        tailScroll.setManaged(hasTail);
        tailScroll.setPrefViewportHeight(Math.min(150, tail.prefHeight(-1)));
        javafx.application.Platform.runLater(() -> tailScroll.setVvalue(1.0));
    }

    /** The one line the banner shows for a stack, or null when nothing failed. */
    static String failureText(StackViewModel stack) {
        if (stack == null) {
            return null;
        }
        ProcessViewModel failed = stack.failedProcessProperty().get();
        if (failed != null) {
            ProcessStatus s = failed.status();
            if (s.reason() != null && !s.reason().isBlank()) {
                return s.reason().startsWith(failed.name()) ? s.reason() : failed.name() + ": " + s.reason();
            }
            return failed.name() + " failed";
        }
        if (stack.state() == StackState.FAILED) {
            String r = stack.reasonProperty().get();
            return r == null || r.isBlank() ? stack.name() + " failed" : r;
        }
        return null;
    }
}
