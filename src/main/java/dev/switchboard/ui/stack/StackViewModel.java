package dev.switchboard.ui.stack;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.model.ProcessSpec;
import dev.switchboard.model.Problem;
import dev.switchboard.model.StackSpec;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stack file as the control panel shows it: its definition (for the graph), the supervisor's
 * latest status, the problems of the file if it does not validate, and the failure to explain.
 * FX thread only.
 */
public final class StackViewModel {
    /** Where the sidebar lists a stack. */
    public enum Origin { BUNDLED, USER, OTHER }

    private final Path file;
    private final Origin origin;
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final ObjectProperty<StackState> state = new SimpleObjectProperty<>(this, "state");
    private final StringProperty reason = new SimpleStringProperty(this, "reason");
    private final ObjectProperty<Instant> stateSince = new SimpleObjectProperty<>(this, "stateSince");
    private final ObjectProperty<StackSpec> spec = new SimpleObjectProperty<>(this, "spec");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<ProcessViewModel> processes = FXCollections.observableArrayList();
    private final IntegerProperty revision = new SimpleIntegerProperty(this, "revision");
    private final ObservableList<String> failureTail = FXCollections.observableArrayList();
    private final ObjectProperty<ProcessViewModel> failedProcess = new SimpleObjectProperty<>(this, "failedProcess");
    private final Map<String, ProcessViewModel> byName = new LinkedHashMap<>();
    private boolean opened;
    private boolean startRequested;

    StackViewModel(Path file, Origin origin) {
        this.file = file;
        this.origin = origin;
        name.set(defaultName(file));
    }

    private static String defaultName(Path file) {
        String n = file.getFileName().toString();
        return n.replaceFirst("\\.(ya?ml)$", "");
    }

    /** Absolute path of the stack file. */
    public Path file() {
        return file;
    }

    /** Where the sidebar lists it. */
    public Origin origin() {
        return origin;
    }

    /** The stack's name (the file name until the file has been read). */
    public ReadOnlyStringProperty nameProperty() {
        return name;
    }

    /** The stack's name. */
    public String name() {
        return name.get();
    }

    /** Overall state; null until the supervisor has it. */
    public ReadOnlyObjectProperty<StackState> stateProperty() {
        return state;
    }

    /** Overall state, or null. */
    public StackState state() {
        return state.get();
    }

    /** Why the last start failed, or null. */
    public ReadOnlyStringProperty reasonProperty() {
        return reason;
    }

    /** When the stack entered its current state (for "starting 6.2 s"), or null. */
    public ReadOnlyObjectProperty<Instant> stateSinceProperty() {
        return stateSince;
    }

    /** The last definition read from the file that validated; null if none yet. */
    public ReadOnlyObjectProperty<StackSpec> specProperty() {
        return spec;
    }

    /** The last valid definition, or null. */
    public StackSpec spec() {
        return spec.get();
    }

    /** What is wrong with the file on disk now; empty when it validates. */
    public ObservableList<Problem> problems() {
        return problems;
    }

    /** Its processes in file order. */
    public ObservableList<ProcessViewModel> processes() {
        return processes;
    }

    /** The process with this name, or null. */
    public ProcessViewModel process(String processName) {
        return byName.get(processName);
    }

    /** Grows whenever the set of processes or their edges change: the graph lays itself out again. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }

    /** The process whose failure the banner explains, or null. */
    public ReadOnlyObjectProperty<ProcessViewModel> failedProcessProperty() {
        return failedProcess;
    }

    /** The last stderr lines of the failed process, for the banner. */
    public ObservableList<String> failureTail() {
        return failureTail;
    }

    /** True from asking for a start until the supervisor reports a new state: a second start is not sent. */
    public boolean isStartRequested() {
        return startRequested;
    }

    void setStartRequested(boolean value) {
        startRequested = value;
    }

    /** True once the supervisor knows this stack. */
    public boolean isOpened() {
        return opened;
    }

    /** How many processes are ready (or completed), of how many. */
    public record ReadyCount(int ready, int total) {
    }

    /** How many processes are ready (or completed), of how many. */
    public ReadyCount readyCount() {
        int ready = 0;
        for (ProcessViewModel p : processes) {
            ProcessState s = p.state();
            if (s == ProcessState.READY || s == ProcessState.COMPLETED) {
                ready++;
            }
        }
        return new ReadyCount(ready, processes.size());
    }

    void setSpec(StackSpec value) {
        spec.set(value);
        problems.clear();
        name.set(value.name());
        List<String> names = value.processes().stream().map(ProcessSpec::name).toList();
        syncProcesses(names);
        for (ProcessSpec p : value.processes()) {
            byName.get(p.name()).setSpec(p);
        }
        revision.set(revision.get() + 1);
    }

    void setProblems(List<Problem> found) {
        problems.setAll(found);
    }

    void setStatus(StackStatus status, Instant now) {
        opened = true;
        name.set(status.name());
        List<String> names = new ArrayList<>(status.processes().stream().map(ProcessStatus::name).toList());
        boolean changed = syncProcesses(names);
        for (ProcessStatus p : status.processes()) {
            byName.get(p.name()).setStatus(p);
        }
        setState(status.state(), status.reason(), now);
        if (changed) {
            revision.set(revision.get() + 1);
        }
        updateFailure();
    }

    void setState(StackState value, String why, Instant at) {
        if (state.get() != value) {
            stateSince.set(at);
            startRequested = false;
        }
        state.set(value);
        reason.set(why);
    }

    /** Applies a process's new status; returns false if the process is unknown. */
    boolean setProcessStatus(ProcessStatus status) {
        ProcessViewModel p = byName.get(status.name());
        if (p == null) {
            return false;
        }
        p.setStatus(status);
        updateFailure();
        return true;
    }

    void setFailureTail(List<String> lines) {
        failureTail.setAll(lines);
    }

    /** The failed process whose failure came first; the banner names it. */
    private void updateFailure() {
        ProcessViewModel first = processes.stream()
                .filter(p -> p.state() == ProcessState.FAILED)
                .min(Comparator.comparing(p -> p.status().endedAt() == null ? Instant.MAX : p.status().endedAt()))
                .orElse(null);
        if (!Objects.equals(first, failedProcess.get())) {
            failureTail.clear();
            failedProcess.set(first);
        }
    }

    /** Brings the process list to {@code names} keeping existing view models; true if it changed. */
    private boolean syncProcesses(List<String> names) {
        if (names.equals(processes.stream().map(ProcessViewModel::name).toList())) {
            return false;
        }
        List<ProcessViewModel> next = new ArrayList<>();
        Map<String, ProcessViewModel> keep = new LinkedHashMap<>();
        for (String n : names) {
            ProcessViewModel p = byName.get(n);
            if (p == null) {
                p = new ProcessViewModel(this, n);
            }
            keep.put(n, p);
            next.add(p);
        }
        byName.clear();
        byName.putAll(keep);
        processes.setAll(next);
        return true;
    }

    @Override
    public String toString() {
        return name.get();
    }
}
