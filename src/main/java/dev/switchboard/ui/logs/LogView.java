package dev.switchboard.ui.logs;

import dev.switchboard.ui.stack.ControlPanelViewModel;
import dev.switchboard.ui.stack.ProcessViewModel;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Live log tail of the selected process or the whole stack: a virtualized list (never a text area) with
 * stderr tinted, search highlights and a filter, ANSI colours rendered, copy and clear. It follows new
 * lines until the user scrolls up, and follows again once they are back at the bottom.
 */
public final class LogView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final double ROW = 19;

    private final ControlPanelViewModel vm;
    private final LogViewModel logs;
    private final ListView<LogEntry> list = new ListView<>();
    private final TextField search = new TextField();
    private final Label title = new Label();
    private final Label matches = new Label();
    /** What the list shows: the visible lines, with blank rows reserved above them while a flood fills the view. */
    private final ReservedRows rows;
    private boolean scrollPending;
    private final Runnable keepFollowing = this::keepFollowingAfterLayout;

    /** Creates the log view of the control panel. */
    public LogView(ControlPanelViewModel vm) {
        this.vm = vm;
        this.logs = vm.logs();
        this.rows = new ReservedRows(logs.visibleLines(), logs.capacity(),
                () -> logs.followProperty().get() && !logs.isFiltered());
        getStyleClass().add("log-view");
        setTop(header());
        setCenter(body());
        wireFollow();
    }

    private HBox header() {
        title.getStyleClass().add("section-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            ProcessViewModel p = vm.selectedProcessProperty().get();
            return p == null || vm.logWholeStackProperty().get() ? "Logs · all processes" : "Logs · " + p.name();
        }, vm.selectedProcessProperty(), vm.logWholeStackProperty()));
        ToggleButton all = new ToggleButton("All");
        all.setId("log-all");
        all.setTooltip(new Tooltip("Show the whole stack's output, merged, even while a process is selected"));
        all.selectedProperty().bindBidirectional(vm.logWholeStackProperty());
        ToggleButton stderr = new ToggleButton("stderr only");
        stderr.setId("log-stderr-only");
        stderr.selectedProperty().bindBidirectional(logs.stderrOnlyProperty());

        search.setId("log-search");
        search.setPromptText("Search (Ctrl+F)");
        search.getStyleClass().add("log-search");
        search.textProperty().bindBidirectional(logs.searchProperty());
        search.setOnAction(e -> jumpToMatch(true));
        search.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                list.requestFocus();
            }
        });
        ToggleButton filter = new ToggleButton("Filter");
        filter.setId("log-filter");
        filter.setTooltip(new Tooltip("Show only lines that match the search"));
        filter.selectedProperty().bindBidirectional(logs.filterToMatchesProperty());
        matches.getStyleClass().add("dim");
        matches.textProperty().bind(Bindings.createStringBinding(this::matchText, logs.searchProperty(), logs.visibleLines()));

        Button copy = new Button("Copy");
        copy.setId("log-copy");
        copy.setTooltip(new Tooltip("Copy the selected lines, or every shown line if none is selected (Ctrl+C)"));
        copy.setOnAction(e -> copy());
        Button clear = new Button("Clear");
        clear.setId("log-clear");
        clear.setTooltip(new Tooltip("Empty this view; new lines keep coming"));
        clear.setOnAction(e -> logs.clear());

        Label thinned = new Label("· thinned");
        thinned.setId("log-thinned");
        thinned.getStyleClass().add("dim");
        thinned.setTooltip(new Tooltip(String.format(java.util.Locale.ROOT, "This output comes faster than anyone "
                + "can read: the live view shows up to %,d lines a second per process. The log files keep every line "
                + "(process panel → open folder).", dev.switchboard.ui.EventPump.LOG_LINES_PER_SECOND)));
        thinned.visibleProperty().bind(logs.gapsProperty());
        thinned.managedProperty().bind(logs.gapsProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (var c : List.of(title, thinned, all, stderr, filter, matches, copy, clear)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        search.setMinWidth(90);
        HBox bar = new HBox(6, title, thinned, spacer, all, stderr, search, filter, matches, copy, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("log-toolbar");
        return bar;
    }

    private String matchText() {
        String needle = logs.normalizedSearch();
        if (needle.isEmpty()) {
            return "";
        }
        long n = logs.visibleLines().stream().filter(e -> e.text().toLowerCase(Locale.ROOT).contains(needle)).count();
        return n == 1 ? "1 line" : n + " lines";
    }

    private StackPane body() {
        list.setId("log-list");
        list.getStyleClass().add("log-list");
        list.setItems(rows);
        list.setFixedCellSize(ROW);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new LogCell());
        list.setPlaceholder(placeholder());
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copy();
                e.consume();
            }
        });

        Button resume = new Button("⏸ paused · follow ↓");
        resume.setId("log-follow");
        resume.getStyleClass().add("follow-button");
        resume.setTooltip(new Tooltip("New lines are not followed while you read; click to jump to the newest"));
        resume.visibleProperty().bind(logs.followProperty().not());
        resume.setOnAction(e -> {
            logs.followProperty().set(true);
            scrollToEnd();
        });
        StackPane.setAlignment(resume, Pos.BOTTOM_RIGHT);
        StackPane pane = new StackPane(list, resume);
        pane.getStyleClass().add("log-body");
        return pane;
    }

    private Label placeholder() {
        Label l = new Label();
        l.getStyleClass().add("dim");
        l.textProperty().bind(Bindings.createStringBinding(() -> logs.loadingProperty().get() ? "Loading…"
                : logs.sourceProperty().get() == null ? "No stack open" : "No output yet",
                logs.loadingProperty(), logs.sourceProperty()));
        return l;
    }

    /** Focuses the search field (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Shows only the selected process's stderr (from the failure banner's "Show log"). */
    public void showStderrOf(ProcessViewModel p) {
        vm.logWholeStackProperty().set(false);
        vm.selectedProcessProperty().set(p);
        logs.stderrOnlyProperty().set(true);
        logs.followProperty().set(true);
        scrollToEnd();
    }

    /** The list, for tests. */
    public ListView<LogEntry> list() {
        return list;
    }

    private void copy() {
        List<LogEntry> chosen = list.getSelectionModel().getSelectedItems().stream().filter(Objects::nonNull).toList();
        String text = logs.asText(chosen.isEmpty() ? logs.visibleLines() : chosen);
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void jumpToMatch(boolean forward) {
        int selected = list.getSelectionModel().getSelectedIndex();
        int from = selected < 0 ? -1 : rows.getSourceIndex(selected);
        int i = logs.nextMatch(from < 0 ? (forward ? -1 : 0) : from, forward);
        if (i >= 0) {
            logs.followProperty().set(false);
            int row = rows.getViewIndex(i);
            list.getSelectionModel().clearAndSelect(row);
            list.scrollTo(Math.max(0, row - 3));
        }
    }

    // ---- follow mode ---------------------------------------------------------------------

    private void wireFollow() {
        // following: after each layout, the newest line must be in view. A scroll made while the
        // number of items jumped (rows reserved for a flood) can end a line short; this puts it right.
        list.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(keepFollowing);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(keepFollowing);
            }
        });
        // reading older lines: the reserved blank rows go, and the lines in view stay in view
        logs.followProperty().addListener((o, was, following) -> {
            int reserved = rows.reserved();
            if (!following && reserved > 0) {
                IndexedCell<?> first = list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow.getFirstVisibleCell() : null;
                int top = first == null ? -1 : first.getIndex();
                rows.release();
                if (top >= 0) {
                    list.scrollTo(Math.max(0, top - reserved));
                }
            }
        });
        // one scroll per batch, after the list has taken in all of the batch's changes
        logs.visibleLines().addListener((ListChangeListener<LogEntry>) c -> {
            if (logs.followProperty().get()) {
                scrollToEndSoon();
            }
        });
        // the user moving away from the bottom pauses; coming back resumes
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                logs.followProperty().set(false);
            } else {
                Platform.runLater(this::resumeIfAtBottom);
            }
        });
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::resumeIfAtBottom));
        list.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!atBottom()) {
                logs.followProperty().set(false);
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP, PAGE_UP, HOME -> logs.followProperty().set(false);
                case END -> logs.followProperty().set(true);
                default -> { }
            }
        });
    }

    private void keepFollowingAfterLayout() {
        if (logs.followProperty().get() && !atBottom()) {
            scrollToEndSoon();
        }
    }

    /** One scroll to the newest line, after the changes being made now (once per batch). */
    private void scrollToEndSoon() {
        if (scrollPending) {
            return;
        }
        scrollPending = true;
        Platform.runLater(() -> {
            scrollPending = false;
            if (logs.followProperty().get()) {
                scrollToEnd();
            }
        });
    }

    private void resumeIfAtBottom() {
        if (atBottom() && !logs.followProperty().get()) {
            logs.followProperty().set(true);
        } else if (!atBottom()) {
            logs.followProperty().set(false);
        }
    }

    private boolean atBottom() {
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        if (flow == null || list.getItems().isEmpty()) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= list.getItems().size() - 1;
    }

    private void scrollToEnd() {
        int n = list.getItems().size();
        if (n == 0) {
            return;
        }
        // VirtualFlow.scrollTo makes the last line fully visible; ListView.scrollTo would put it at the top
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo(n - 1);
        } else {
            list.scrollTo(n - 1);
        }
    }

    /**
     * One log line: time, process (in the merged view), then the styled text with search matches
     * marked. Under a flood every visible row changes its line each frame, so a cell reuses its labels
     * and only touches style classes that change: new nodes would each cost a CSS pass and a layout.
     */
    private final class LogCell extends ListCell<LogEntry> {
        private final HBox row = new HBox();
        private final Label time = new Label();
        private final Label proc = new Label();
        // A line's pieces are Text nodes (no skin, no ellipsis layout: a busy view lays out
        // thousands a second); a search match is a Label, for its background.
        private final List<Text> pieces = new ArrayList<>();
        private final List<Label> matches = new ArrayList<>();
        private final List<Node> shown = new ArrayList<>();
        private int used;
        private int usedMatches;

        LogCell() {
            getStyleClass().add("log-cell");
            row.getStyleClass().add("log-row");
            row.setAlignment(Pos.CENTER_LEFT);
            time.getStyleClass().add("log-time");
            proc.getStyleClass().add("log-process");
            setGraphic(null);
            setText(null);
        }

        @Override
        protected void updateItem(LogEntry item, boolean empty) {
            super.updateItem(item, empty);
            styleClass(getStyleClass(), "stderr", !empty && item != null && item.isStderr());
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            shown.clear();
            time.setText(TIME.format(item.at()));
            shown.add(time);
            LogViewModel.Source source = logs.sourceProperty().get();
            if (source != null && source.process() == null) {
                proc.setText(item.process());
                String tag = "tag-" + Math.floorMod(item.process().hashCode(), 8);
                if (proc.getStyleClass().size() != 2 || !proc.getStyleClass().get(1).equals(tag)) {
                    proc.getStyleClass().setAll("log-process", tag);
                }
                shown.add(proc);
            }
            used = 0;
            usedMatches = 0;
            addSegments(item);
            if (!row.getChildren().equals(shown)) {
                row.getChildren().setAll(shown);
            }
            if (getGraphic() != row) {
                setGraphic(row);
            }
        }

        private void addSegments(LogEntry item) {
            String needle = logs.normalizedSearch();
            String lower = needle.isEmpty() ? "" : item.text().toLowerCase(Locale.ROOT);
            int offset = 0;
            for (Ansi.Segment seg : item.segments()) {
                String t = seg.text();
                int start = 0;
                while (!needle.isEmpty() && start < t.length()) {
                    int hit = lower.indexOf(needle, offset + start);
                    if (hit < 0 || hit >= offset + t.length()) {
                        break;
                    }
                    int from = hit - offset;
                    int to = Math.min(t.length(), from + needle.length());
                    if (from > start) {
                        shown.add(text(t.substring(start, from), seg, false));
                    }
                    shown.add(text(t.substring(Math.max(from, start), to), seg, true));
                    start = to;
                }
                if (start < t.length()) {
                    shown.add(text(start == 0 ? t : t.substring(start), seg, false));
                }
                offset += t.length();
            }
        }

        private Node text(String s, Ansi.Segment seg, boolean match) {
            List<String> classes = new ArrayList<>(seg.styleClasses().size() + 2);
            classes.add("log-text");
            classes.addAll(seg.styleClasses());
            if (match) {
                classes.add("match");
                if (usedMatches == matches.size()) {
                    Label l = new Label();
                    l.setMinWidth(Region.USE_PREF_SIZE);
                    matches.add(l);
                }
                Label l = matches.get(usedMatches++);
                l.setText(s);
                setClasses(l, classes);
                return l;
            }
            if (used == pieces.size()) {
                pieces.add(new Text());
            }
            Text t = pieces.get(used++);
            t.setText(s);
            setClasses(t, classes);
            return t;
        }

        private static void setClasses(Node node, List<String> classes) {
            if (!node.getStyleClass().equals(classes)) {
                node.getStyleClass().setAll(classes);
            }
        }
    }

    private static void styleClass(List<String> classes, String name, boolean on) {
        if (on && !classes.contains(name)) {
            classes.add(name);
        } else if (!on) {
            classes.remove(name);
        }
    }
}
