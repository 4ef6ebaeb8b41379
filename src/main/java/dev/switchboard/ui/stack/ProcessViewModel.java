package dev.switchboard.ui.stack;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.ProcessSpec;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** One process as the control panel shows it: the supervisor's latest status and its definition. */
public final class ProcessViewModel {
    private final StackViewModel stack;
    private final String name;
    private final ObjectProperty<ProcessStatus> status = new SimpleObjectProperty<>(this, "status");
    private final ObjectProperty<ProcessSpec> spec = new SimpleObjectProperty<>(this, "spec");

    ProcessViewModel(StackViewModel stack, String name) {
        this.stack = stack;
        this.name = name;
    }

    /** The stack it belongs to. */
    public StackViewModel stack() {
        return stack;
    }

    /** Its name, unique in the stack. */
    public String name() {
        return name;
    }

    /** The supervisor's latest status; null before the stack was opened. */
    public ReadOnlyObjectProperty<ProcessStatus> statusProperty() {
        return status;
    }

    /** The latest status. */
    public ProcessStatus status() {
        return status.get();
    }

    void setStatus(ProcessStatus value) {
        status.set(value);
    }

    /** Its definition from the stack file; null when the file could not be read. */
    public ReadOnlyObjectProperty<ProcessSpec> specProperty() {
        return spec;
    }

    /** Its definition, or null. */
    public ProcessSpec spec() {
        return spec.get();
    }

    void setSpec(ProcessSpec value) {
        spec.set(value);
    }

    /** Its state; null when unknown. */
    public ProcessState state() {
        ProcessStatus s = status.get();
        return s == null ? null : s.state();
    }

    /** Its launch mode, from the status or else the definition. */
    public LaunchMode mode() {
        ProcessStatus s = status.get();
        if (s != null && s.mode() != null) {
            return s.mode();
        }
        ProcessSpec p = spec.get();
        return p == null ? LaunchMode.OWN : p.mode();
    }

    @Override
    public String toString() {
        return name;
    }
}
