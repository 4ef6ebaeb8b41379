package dev.switchboard.ui.stack;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackState;
import dev.switchboard.ui.Format;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small Gantt chart of the last start: for each process, waiting for its dependencies (light bar)
 * from pendingAt to startedAt, then starting (dark bar) until it became ready; a failure ends its bar
 * with ✖. Redrawn at most a few times a second.
 */
public final class TimelineView extends VBox {
    private static final double ROW_H = 16;

    private final ControlPanelViewModel vm;
    private final Label title = new Label("Last start");
    private final GridPane rows = new GridPane();
    private List<ProcessStatus> drawn = List.of();
    private StackViewModel drawnStack;

    /** Creates the timeline of the selected stack. */
    public TimelineView(ControlPanelViewModel vm) {
        this.vm = vm;
        getStyleClass().add("timeline");
        setId("timeline");
        title.getStyleClass().add("section-title");
        rows.getStyleClass().add("timeline-rows");
        rows.setHgap(8);
        rows.setVgap(3);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints bars = new ColumnConstraints();
        bars.setHgrow(Priority.ALWAYS);
        bars.setFillWidth(true);
        rows.getColumnConstraints().addAll(names, bars);
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("timeline-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, scroll);
        vm.nowProperty().addListener((o, a, b) -> refresh(false));
        vm.selectedStackProperty().addListener((o, a, b) -> refresh(true));
        rows.widthProperty().addListener((o, a, b) -> refresh(true));
        refresh(true);
    }

    private void refresh(boolean force) {
        StackViewModel stack = vm.selectedStackProperty().get();
        List<ProcessStatus> now = stack == null ? List.of()
                : stack.processes().stream().map(ProcessViewModel::status).filter(Objects::nonNull).toList();
        boolean running = stack != null && (stack.state() == StackState.STARTING
                || now.stream().anyMatch(s -> s.state() == ProcessState.STARTING || s.state() == ProcessState.PENDING));
        if (!force && !running && stack == drawnStack && now.equals(drawn)) {
            return;
        }
        drawn = now;
        drawnStack = stack;
        draw(now, vm.nowProperty().get());
    }

    private void draw(List<ProcessStatus> processes, Instant now) {
        rows.getChildren().clear();
        Instant start = processes.stream().map(s -> first(s.pendingAt(), s.startedAt()))
                .filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
        if (start == null) {
            title.setText("Last start · not started yet");
            Label hint = new Label("Press ▶ Start (Ctrl+Enter) to bring this stack up; each light turns green once its"
                    + " process is ready. To add your own stacks, put .yaml files in your stacks folder (the Folder"
                    + " button under the list opens it) or use + Open.");
            hint.setWrapText(true);
            hint.getStyleClass().add("first-run-hint");
            rows.add(hint, 0, 0, 2, 1);
            return;
        }
        Instant end = start;
        for (ProcessStatus s : processes) {
            end = max(end, barEnd(s, now));
        }
        double total = Math.max(1, Duration.between(start, end).toMillis());
        title.setText("Last start · " + Format.duration(Duration.between(start, end)));
        double width = Math.max(120, rows.getWidth() - 140);
        int row = 0;
        for (ProcessStatus s : processes) {
            Label name = new Label(s.name());
            name.getStyleClass().add("timeline-name");
            rows.add(name, 0, row);
            rows.add(bar(s, start, total, width, now), 1, row);
            row++;
        }
    }

    private Pane bar(ProcessStatus s, Instant start, double totalMs, double width, Instant now) {
        Pane lane = new Pane();
        lane.getStyleClass().add("timeline-lane");
        lane.setPrefHeight(ROW_H);
        lane.setMinHeight(ROW_H);
        Instant pending = s.pendingAt();
        Instant started = s.startedAt();
        Instant endOfStart = barEnd(s, now);
        List<Region> parts = new ArrayList<>();
        if (pending != null && (started == null || pending.isBefore(started))) {
            Instant waitEnd = started != null ? started : endOfStart;
            parts.add(segment("timeline-wait", pending, waitEnd, start, totalMs, width));
        }
        if (started != null && endOfStart != null) {
            String cls = switch (s.state()) {
                case FAILED -> "timeline-failed";
                case STARTING -> "timeline-starting";
                default -> "timeline-run";
            };
            parts.add(segment(cls, started, endOfStart, start, totalMs, width));
        }
        lane.getChildren().addAll(parts);
        if (s.state() == ProcessState.FAILED && endOfStart != null) {
            Label cross = new Label("✖");
            cross.getStyleClass().add("timeline-cross");
            cross.relocate(x(endOfStart, start, totalMs, width) + 2, -2);
            lane.getChildren().add(cross);
        }
        String tip = s.name() + ": " + describe(s);
        Tooltip.install(lane, new Tooltip(tip));
        HBox.setHgrow(lane, Priority.ALWAYS);
        lane.setAccessibleText(tip);
        return lane;
    }

    private static Region segment(String cls, Instant from, Instant to, Instant start, double totalMs, double width) {
        Region r = new Region();
        r.getStyleClass().addAll("timeline-bar", cls);
        double x0 = x(from, start, totalMs, width);
        double x1 = to == null ? x0 : x(to, start, totalMs, width);
        r.resizeRelocate(x0, 2, Math.max(3, x1 - x0), ROW_H - 4);
        r.setManaged(false);
        return r;
    }

    private static double x(Instant t, Instant start, double totalMs, double width) {
        return Duration.between(start, t).toMillis() / totalMs * width;
    }

    /** Where a process's bar ends: ready, ended, or now while it is still on its way. */
    private static Instant barEnd(ProcessStatus s, Instant now) {
        if (s.readyAt() != null) {
            return s.readyAt();
        }
        if (s.state() == ProcessState.STARTING || s.state() == ProcessState.PENDING) {
            return now;
        }
        if (s.endedAt() != null && s.state() == ProcessState.FAILED) {
            return s.endedAt();
        }
        return s.startedAt() != null ? s.startedAt() : s.pendingAt();
    }

    private static Instant first(Instant a, Instant b) {
        return a != null ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Words for a bar's tooltip: "waited 0.8 s, ready after 2.1 s". */
    private static String describe(ProcessStatus s) {
        StringBuilder b = new StringBuilder();
        if (s.pendingAt() != null && s.startedAt() != null) {
            b.append("waited ").append(Format.between(s.pendingAt(), s.startedAt())).append(", ");
        }
        if (s.readyAfterMs() != null) {
            b.append("ready after ").append(Format.duration(Duration.ofMillis(s.readyAfterMs())));
        } else {
            b.append(s.state().id());
        }
        return b.toString();
    }
}
