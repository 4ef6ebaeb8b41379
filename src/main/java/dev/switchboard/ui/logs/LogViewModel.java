package dev.switchboard.ui.logs;

import dev.switchboard.engine.Event;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The lines a log view shows: one process of a stack or all of them merged. Keeps at most
 * {@link #capacity()} lines, so memory stays bounded however long a process talks. Lines come in
 * batches (once per frame); the first lines of a source are fetched from the supervisor, and live lines
 * that arrive while that fetch is under way are merged without gaps or duplicates by their sequence numbers.
 * FX thread only.
 */
public final class LogViewModel {
    /** Lines kept by default. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Up to a 1/16 of the kept lines may be dropped one by one; more are replaced at once. */
    private static final int SMALL_OVERFLOW_DIVISOR = 16;

    /** What the view shows: one process of a stack, or the whole stack when {@code process} is null. */
    public record Source(String stack, String process) {
        boolean accepts(Event.LogLine line) {
            return line.stack().equals(stack) && (process == null || process.equals(line.process()));
        }
    }

    private final int capacity;
    private final Function<Source, CompletableFuture<List<Event.LogLine>>> fetcher;
    private final Executor uiExecutor;
    private final ObservableList<LogEntry> lines = FXCollections.observableArrayList();
    private final FilteredList<LogEntry> visible = new FilteredList<>(lines);
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty filterToMatches = new SimpleBooleanProperty(this, "filterToMatches");
    private final BooleanProperty stderrOnly = new SimpleBooleanProperty(this, "stderrOnly");
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper gaps = new ReadOnlyBooleanWrapper(this, "gaps");
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final List<Event.LogLine> arrivedWhileLoading = new ArrayList<>();
    private long generation;

    /**
     * Creates the model.
     *
     * @param capacity   the most lines kept
     * @param fetcher    gets the recent lines of a source (from the supervisor)
     * @param uiExecutor runs fetch results on the FX thread ({@code Runnable::run} in tests)
     */
    public LogViewModel(int capacity, Function<Source, CompletableFuture<List<Event.LogLine>>> fetcher,
                        Executor uiExecutor) {
        this.capacity = capacity;
        this.fetcher = fetcher;
        this.uiExecutor = uiExecutor;
        visible.predicateProperty().bind(Bindings.createObjectBinding(this::predicate,
                search, filterToMatches, stderrOnly));
        source.addListener((o, was, now) -> reload());
    }

    private Predicate<LogEntry> predicate() {
        boolean onlyErr = stderrOnly.get();
        String needle = filterToMatches.get() ? normalizedSearch() : "";
        if (!onlyErr && needle.isEmpty()) {
            return null;
        }
        return e -> (!onlyErr || e.isStderr()) && (needle.isEmpty() || e.text().toLowerCase(Locale.ROOT).contains(needle));
    }

    /** The search text, lower-cased; empty for no search. Matching ignores case. */
    public String normalizedSearch() {
        String s = search.get();
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    /** Every line kept for the current source, oldest first. */
    public ObservableList<LogEntry> lines() {
        return lines;
    }

    /** The lines passing the stderr and search filters. */
    public ObservableList<LogEntry> visibleLines() {
        return visible;
    }

    /** True while a filter (stderr only, or matches only) hides some lines. */
    public boolean isFiltered() {
        return visible.getPredicate() != null;
    }

    /** The most lines kept. */
    public int capacity() {
        return capacity;
    }

    /** What is shown; setting it clears the view and fetches the source's recent lines. */
    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** Text searched for (highlighted; and filtered on when {@link #filterToMatchesProperty()}). */
    public StringProperty searchProperty() {
        return search;
    }

    /** Whether only lines matching the search are shown. */
    public BooleanProperty filterToMatchesProperty() {
        return filterToMatches;
    }

    /** Whether only stderr lines are shown. */
    public BooleanProperty stderrOnlyProperty() {
        return stderrOnly;
    }

    /** Whether the view scrolls to each new line; the view turns it off when the user scrolls up. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** True while the recent lines of a new source are being fetched. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /**
     * True once lines of the current source were left out of the view: under heavy output the live
     * lines are thinned out (see {@link dev.switchboard.engine.LogSampler}), which shows as a jump in
     * a stream's sequence numbers. The log files keep every line.
     */
    public ReadOnlyBooleanProperty gapsProperty() {
        return gaps.getReadOnlyProperty();
    }

    /** Fetches the current source's recent lines again (after a clear, or when it changed). */
    public void reload() {
        long gen = ++generation;
        lines.clear();
        gaps.set(false);
        lastSeq.clear();
        arrivedWhileLoading.clear();
        Source s = source.get();
        if (s == null) {
            loading.set(false);
            return;
        }
        loading.set(true);
        fetcher.apply(s).whenCompleteAsync((initial, error) -> {
            if (gen != generation) {
                return;
            }
            loading.set(false);
            List<Event.LogLine> merged = new ArrayList<>(initial == null ? List.of() : initial);
            merged.addAll(arrivedWhileLoading);
            arrivedWhileLoading.clear();
            add(merged);
        }, uiExecutor);
    }

    /** Takes a batch of live lines (any stack, any process): keeps those of the current source. */
    public void append(List<Event.LogLine> batch) {
        Source s = source.get();
        if (s == null || batch.isEmpty()) {
            return;
        }
        List<Event.LogLine> mine = batch.stream().filter(s::accepts).toList();
        if (loading.get()) {
            arrivedWhileLoading.addAll(mine);
        } else {
            add(mine);
        }
    }

    private void add(List<Event.LogLine> batch) {
        List<Event.LogLine> fresh = new ArrayList<>(batch.size());
        for (Event.LogLine line : batch) {
            String key = line.process() + '\u0000' + line.stream();
            Long last = lastSeq.get(key);
            if (last != null && line.seq() <= last) {
                continue;
            }
            if (last != null && line.seq() > last + 1 && !gaps.get()) {
                gaps.set(true);
            }
            lastSeq.put(key, line.seq());
            fresh.add(line);
        }
        // parsing escape sequences is the costly part under a flood: only for lines that are kept
        if (fresh.size() > capacity) {
            fresh = fresh.subList(fresh.size() - capacity, fresh.size());
        }
        List<LogEntry> entries = new ArrayList<>(fresh.size());
        for (Event.LogLine line : fresh) {
            entries.add(LogEntry.of(line));
        }
        int overflow = lines.size() + entries.size() - capacity;
        if (overflow <= 0) {
            lines.addAll(entries);
            return;
        }
        if (overflow <= lines.size() / SMALL_OVERFLOW_DIVISOR) {
            // The usual frame of a busy view: a few hundred lines in, as many out. One change of
            // "k removed at the top, k added at the end" keeps the filtered list and the list view's
            // work proportional to k (a replacement makes them revisit every kept line). An
            // observable list removes a range one element at a time, shifting the rest each time,
            // which is cheap while k is small.
            lines.remove(0, overflow);
            lines.addAll(entries);
            return;
        }
        // Many lines at once (a burst, a fetch): one replacement is linear in the kept lines.
        List<LogEntry> kept = new ArrayList<>(capacity);
        if (overflow < lines.size()) {
            kept.addAll(lines.subList(overflow, lines.size()));
        }
        kept.addAll(entries);
        lines.setAll(kept);
    }

    /** Empties the view; new lines keep coming. */
    public void clear() {
        lines.clear();
    }

    /** The given lines as plain text, one per line, prefixed with the process name in a merged view. */
    public String asText(List<LogEntry> entries) {
        boolean merged = source.get() != null && source.get().process() == null;
        return entries.stream()
                .map(e -> merged ? "[" + e.process() + "] " + e.text() : e.text())
                .collect(Collectors.joining("\n", "", entries.isEmpty() ? "" : "\n"));
    }

    /** Index in {@link #visibleLines()} of the next line after {@code from} matching the search, or -1. */
    public int nextMatch(int from, boolean forward) {
        String needle = normalizedSearch();
        int n = visible.size();
        if (needle.isEmpty() || n == 0) {
            return -1;
        }
        for (int k = 1; k <= n; k++) {
            int i = Math.floorMod(from + (forward ? k : -k), n);
            if (visible.get(i).text().toLowerCase(Locale.ROOT).contains(needle)) {
                return i;
            }
        }
        return -1;
    }
}
