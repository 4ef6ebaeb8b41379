package dev.switchboard.ui.stack;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.model.Problem;
import dev.switchboard.model.SourceLocation;
import dev.switchboard.model.StackFileException;
import dev.switchboard.model.StackSpec;
import dev.switchboard.ui.logs.Ansi;
import dev.switchboard.ui.logs.LogViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The state behind the control panel window: the stacks it lists, which stack and process are
 * selected, the log view, and the commands. Talks only to a {@link StackControl}; applies the
 * supervisor's events in batches ({@link #apply(List)}, called once per frame). FX thread only:
 * results of futures come back through {@code ui}, and file reading runs on {@code background}.
 */
public final class ControlPanelViewModel {
    private static final int RECENT_MAX = 8;
    private static final int FAILURE_TAIL_LINES = 12;
    private static final int FAILURE_FETCH_LINES = 60;

    private final StackControl control;
    private final StackDefinitions definitions;
    private final Executor ui;
    private final Executor background;
    private final Clock clock;
    private final ObservableList<StackViewModel> stacks = FXCollections.observableArrayList();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObjectProperty<StackViewModel> selectedStack = new SimpleObjectProperty<>(this, "selectedStack");
    private final ObjectProperty<ProcessViewModel> selectedProcess = new SimpleObjectProperty<>(this, "selectedProcess");
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(this, "now");
    private final BooleanProperty logWholeStack = new SimpleBooleanProperty(this, "logWholeStack");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final LogViewModel logs;
    private Consumer<Notice> notifier = n -> { };

    /**
     * Creates the view model.
     *
     * @param control     the supervisor, in-process or remote
     * @param definitions reads stack files for the graph and for problems with line and column
     * @param ui          runs continuations on the FX thread
     * @param background  runs file reading off the FX thread
     * @param clock       the time shown for elapsed durations
     */
    public ControlPanelViewModel(StackControl control, StackDefinitions definitions, Executor ui,
                                 Executor background, Clock clock) {
        this.control = control;
        this.definitions = definitions;
        this.ui = ui;
        this.background = background;
        this.clock = clock;
        this.now.set(clock.instant());
        this.logs = new LogViewModel(LogViewModel.DEFAULT_CAPACITY, this::fetchLogs, ui);
        selectedStack.addListener((o, was, stack) -> {
            if (selectedProcess.get() != null && selectedProcess.get().stack() != stack) {
                selectedProcess.set(null);
            }
            updateLogSource();
        });
        selectedProcess.addListener((o, was, p) -> updateLogSource());
        logWholeStack.addListener((o, was, all) -> updateLogSource());
    }

    // ---- what the window shows ------------------------------------------------------------

    /** Every stack listed: bundled, the user's, recent and those the supervisor knows. */
    public ObservableList<StackViewModel> stacks() {
        return stacks;
    }

    /** Recently opened stack files, newest first. */
    public ObservableList<Path> recent() {
        return recent;
    }

    /** The stack shown in the main area. */
    public ObjectProperty<StackViewModel> selectedStackProperty() {
        return selectedStack;
    }

    /** The process selected in the graph, details and logs; null for none. */
    public ObjectProperty<ProcessViewModel> selectedProcessProperty() {
        return selectedProcess;
    }

    /** Whether the log view shows the whole stack even while a process is selected. */
    public BooleanProperty logWholeStackProperty() {
        return logWholeStack;
    }

    /** The log view's model. */
    public LogViewModel logs() {
        return logs;
    }

    /** The time used for elapsed durations; ticks while the window is shown. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** The last command error or note for the status bar; null for none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Receives notices when a stack becomes ready or fails. */
    public void setNotifier(Consumer<Notice> value) {
        notifier = value == null ? n -> { } : value;
    }

    /** Advances {@link #nowProperty()}; called by the frame pump a few times a second. */
    public void tick() {
        now.set(clock.instant());
    }

    /** True while a process of a shown stack is on its way up or down (its caption counts tenths of seconds). */
    public boolean anyInTransition() {
        for (StackViewModel s : stacks) {
            for (ProcessViewModel p : s.processes()) {
                ProcessState st = p.state();
                if (st == ProcessState.PENDING || st == ProcessState.STARTING || st == ProcessState.STOPPING) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- stack files -----------------------------------------------------------------------

    /** Lists a stack file without opening it; returns its view model (the existing one if listed). */
    public StackViewModel list(Path file, StackViewModel.Origin origin) {
        Path abs = file.toAbsolutePath().normalize();
        for (StackViewModel s : stacks) {
            if (s.file().equals(abs)) {
                return s;
            }
        }
        StackViewModel s = new StackViewModel(abs, origin);
        stacks.add(s);
        return s;
    }

    /** Forgets a listed stack the supervisor does not know (its file was deleted). */
    public void unlist(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        stacks.removeIf(s -> s.file().equals(abs) && !s.isOpened() && s != selectedStack.get());
    }

    /** Opens a file chosen by the user: lists it, remembers it as recent and selects it. */
    public StackViewModel openFile(Path file) {
        StackViewModel s = list(file, StackViewModel.Origin.OTHER);
        recent.remove(s.file());
        recent.addFirst(s.file());
        if (recent.size() > RECENT_MAX) {
            recent.remove(RECENT_MAX, recent.size());
        }
        select(s);
        return s;
    }

    /** Shows a stack in the main area, reading its file and opening it in the supervisor. */
    public void select(StackViewModel stack) {
        selectedStack.set(stack);
        if (stack != null && (!stack.isOpened() || stack.spec() == null)) {
            reload(stack, !stack.isOpened());
        }
    }

    /** Called when a file changed on disk: reloads it if it is listed. */
    public void fileChanged(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (StackViewModel s : List.copyOf(stacks)) {
            if (s.file().equals(abs) && (s.isOpened() || s.spec() != null || !s.problems().isEmpty())) {
                reload(s, true);
            }
        }
    }

    /**
     * Reads the file and, if it validates and {@code reopen}, (re)opens it in the supervisor. If it does
     * not validate, its problems are shown and the supervisor is not asked: running processes are left alone.
     */
    public CompletableFuture<Void> reload(StackViewModel stack, boolean reopen) {
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        return definitions.load(stack.file());
                    } catch (StackFileException e) {
                        throw new CompletionException(e);
                    }
                }, background)
                .handleAsync((spec, error) -> {
                    if (error != null) {
                        stack.setProblems(problemsOf(stack.file(), error));
                        return null;
                    }
                    stack.setSpec(spec);
                    return spec;
                }, ui)
                .thenCompose(spec -> spec == null || !reopen ? CompletableFuture.completedFuture(null) : openInSupervisor(stack));
    }

    private CompletableFuture<Void> openInSupervisor(StackViewModel stack) {
        return control.open(stack.file()).handleAsync((status, error) -> {
            if (error != null) {
                List<Problem> problems = problemsOf(stack.file(), error);
                stack.setProblems(problems);
            } else {
                stack.setStatus(status, clock.instant());
                if (stack == selectedStack.get()) {
                    updateLogSource();
                }
            }
            return null;
        }, ui);
    }

    private static List<Problem> problemsOf(Path file, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof StackFileException sfe) {
            return sfe.problems();
        }
        String text = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return List.of(new Problem(new SourceLocation(file, 1, 1), text));
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    // ---- supervisor events ---------------------------------------------------------------

    /** Applies a batch of events in order; log lines go to the log view as one batch. */
    public void apply(List<Event> batch) {
        Instant at = clock.instant();
        List<Event.LogLine> lines = new ArrayList<>();
        for (Event e : batch) {
            switch (e) {
                case Event.Snapshot snap -> snap.stacks().forEach(s -> statusArrived(s, at));
                case Event.StackLoaded loaded -> statusArrived(loaded.stack(), at);
                case Event.ProcessStateChanged changed -> {
                    StackViewModel s = byName(changed.stack());
                    if (s != null && s.setProcessStatus(changed.process())) {
                        fetchFailureTailIfNeeded(s);
                    }
                }
                case Event.StackStateChanged changed -> {
                    StackViewModel s = byName(changed.stack());
                    if (s != null) {
                        StackState before = s.state();
                        s.setState(changed.state(), changed.reason(), changed.at() == null ? at : changed.at());
                        announce(s, before, changed);
                    }
                }
                case Event.LogLine line -> lines.add(line);
            }
        }
        logs.append(lines);
    }

    private void statusArrived(StackStatus status, Instant at) {
        StackViewModel s = null;
        if (status.file() != null) {
            Path file = Path.of(status.file()).toAbsolutePath().normalize();
            s = stacks.stream().filter(x -> x.file().equals(file)).findFirst().orElse(null);
            if (s == null) {
                s = list(file, StackViewModel.Origin.OTHER);
            }
        }
        if (s == null) {
            s = byName(status.name());
        }
        if (s != null) {
            boolean firstTime = !s.isOpened();
            s.setStatus(status, at);
            fetchFailureTailIfNeeded(s);
            if (firstTime && s.spec() == null && s.problems().isEmpty()) {
                // known to the supervisor already: only the definition is needed, for the graph
                reload(s, false);
            }
        }
    }

    private void announce(StackViewModel s, StackState before, Event.StackStateChanged changed) {
        if (before == changed.state()) {
            return;
        }
        if (changed.state() == StackState.READY) {
            notifier.accept(new Notice(s.name(), false, s.name() + " is ready (" + s.readyCount().total() + " processes)"));
        } else if (changed.state() == StackState.FAILED) {
            String why = changed.reason() != null ? changed.reason()
                    : s.failedProcessProperty().get() != null ? s.failedProcessProperty().get().status().reason() : null;
            notifier.accept(new Notice(s.name(), true, s.name() + " failed" + (why == null ? "" : ": " + why)));
        }
    }

    /** The stack with this name (or file path), or null. */
    public StackViewModel byName(String name) {
        for (StackViewModel s : stacks) {
            if (s.isOpened() && s.name().equals(name)) {
                return s;
            }
        }
        for (StackViewModel s : stacks) {
            if (s.name().equals(name) || s.file().toString().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private void fetchFailureTailIfNeeded(StackViewModel s) {
        ProcessViewModel failed = s.failedProcessProperty().get();
        if (failed == null || !s.failureTail().isEmpty()) {
            return;
        }
        control.logs(s.name(), failed.name(), LogStream.STDERR, FAILURE_FETCH_LINES)
                .thenCompose(err -> err.isEmpty()
                        ? control.logs(s.name(), failed.name(), null, FAILURE_TAIL_LINES)
                        : CompletableFuture.completedFuture(err))
                .whenCompleteAsync((lines, error) -> {
                    if (error == null && failed == s.failedProcessProperty().get()) {
                        s.setFailureTail(failureTail(lines.stream().map(l -> Ansi.strip(l.text())).toList()));
                    }
                }, ui);
    }

    /** The lines that explain a failure: from the last traceback on if there is one, else the last few. */
    static List<String> failureTail(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0 && i >= lines.size() - FAILURE_FETCH_LINES; i--) {
            if (lines.get(i).startsWith("Traceback (most recent call last)")) {
                return List.copyOf(lines.subList(i, lines.size()));
            }
        }
        return List.copyOf(lines.subList(Math.max(0, lines.size() - FAILURE_TAIL_LINES), lines.size()));
    }

    // ---- logs ----------------------------------------------------------------------------

    private void updateLogSource() {
        StackViewModel s = selectedStack.get();
        ProcessViewModel p = logWholeStack.get() ? null : selectedProcess.get();
        LogViewModel.Source next = s == null || !s.isOpened() ? null
                : new LogViewModel.Source(s.name(), p == null ? null : p.name());
        if (!Objects.equals(next, logs.sourceProperty().get())) {
            logs.sourceProperty().set(next);
        }
    }

    private CompletableFuture<List<Event.LogLine>> fetchLogs(LogViewModel.Source source) {
        int lines = 2_000;
        if (source.process() != null) {
            return control.logs(source.stack(), source.process(), null, lines);
        }
        StackViewModel s = byName(source.stack());
        List<CompletableFuture<List<Event.LogLine>>> parts = new ArrayList<>();
        if (s != null) {
            for (ProcessViewModel p : s.processes()) {
                parts.add(control.logs(source.stack(), p.name(), null, lines / Math.max(1, s.processes().size()) + 50)
                        .exceptionally(e -> List.of()));
            }
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Event.LogLine> all = new ArrayList<>();
            parts.forEach(f -> all.addAll(f.join()));
            all.sort(Comparator.comparing(Event.LogLine::at));
            return all;
        });
    }

    // ---- commands ------------------------------------------------------------------------

    /** Starts the selected stack. */
    public CompletableFuture<StackStatus> startStack(StackViewModel s) {
        s.setStartRequested(true);
        return run("start " + s.name(), control.up(s.name()))
                .whenCompleteAsync((status, error) -> s.setStartRequested(false), ui);
    }

    /** Stops a stack; {@code persistToo} also stops its persist processes. */
    public CompletableFuture<StackStatus> stopStack(StackViewModel s, boolean persistToo) {
        return run("stop " + s.name(), control.down(s.name(), persistToo));
    }

    /** Stops then starts a stack (persist processes are adopted, not restarted). */
    public CompletableFuture<StackStatus> restartStack(StackViewModel s) {
        return run("restart " + s.name(), control.down(s.name(), false).thenCompose(x -> control.up(s.name())));
    }

    /** Starts one process and what it depends on. */
    public CompletableFuture<StackStatus> startProcess(ProcessViewModel p) {
        return run("start " + p.name(), control.start(p.stack().name(), p.name()));
    }

    /** Stops one process and what depends on it. */
    public CompletableFuture<StackStatus> stopProcess(ProcessViewModel p) {
        return run("stop " + p.name(), control.stop(p.stack().name(), p.name()));
    }

    /** Restarts one process and its dependents. */
    public CompletableFuture<StackStatus> restartProcess(ProcessViewModel p) {
        return run("restart " + p.name(), control.restart(p.stack().name(), p.name()));
    }

    /** Probes a reuse process again. */
    public CompletableFuture<StackStatus> check(ProcessViewModel p) {
        return run("check " + p.name(), control.check(p.stack().name(), p.name()));
    }

    private CompletableFuture<StackStatus> run(String what, CompletableFuture<StackStatus> command) {
        message.set(null);
        return command.whenCompleteAsync((status, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                message.set("Could not " + what + ": " + (cause.getMessage() == null ? cause : cause.getMessage()));
            }
        }, ui);
    }
}
