package dev.switchboard.ui.controls;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.StackState;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

import java.util.EnumMap;
import java.util.Map;

/**
 * A round light showing the state of a process or stack. Each state is a CSS pseudo-class
 * ({@code :ready}, {@code :starting}, {@code :failed}, …) so colours live in the stylesheet; each state
 * also has its own glyph and words, so the light never relies on colour alone. A null state shows a
 * hollow light ("not loaded").
 */
public class StatusLight extends Control {

    private static final Map<ProcessState, PseudoClass> PSEUDO_CLASSES = new EnumMap<>(ProcessState.class);

    static {
        for (ProcessState s : ProcessState.values()) {
            PSEUDO_CLASSES.put(s, PseudoClass.getPseudoClass(s.id()));
        }
    }

    private final ObjectProperty<ProcessState> state = new SimpleObjectProperty<>(this, "state") {
        @Override
        protected void invalidated() {
            ProcessState now = get();
            PSEUDO_CLASSES.forEach((s, pc) -> pseudoClassStateChanged(pc, s == now));
            setAccessibleText(describe(now));
        }
    };

    /** Creates a light with no state. */
    public StatusLight() {
        getStyleClass().add("status-light");
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setFocusTraversable(false);
        setAccessibleText(describe(null));
    }

    /** Creates a light showing {@code initial}. */
    public StatusLight(ProcessState initial) {
        this();
        setState(initial);
    }

    /** The state shown; null for "not loaded". */
    public final ObjectProperty<ProcessState> stateProperty() {
        return state;
    }

    /** The state shown. */
    public final ProcessState getState() {
        return state.get();
    }

    /** Sets the state shown. */
    public final void setState(ProcessState value) {
        state.set(value);
    }

    /** Shows a stack's overall state (stack states are a subset of process states). */
    public final void setStackState(StackState value) {
        setState(value == null ? null : forStack(value));
    }

    /** The process state a stack state is drawn as. */
    public static ProcessState forStack(StackState s) {
        return ProcessState.valueOf(s.name());
    }

    /** The glyph drawn inside the light for a state. */
    public static String glyph(ProcessState s) {
        if (s == null) {
            return "";
        }
        return switch (s) {
            case READY -> "✓";
            case STARTING, STOPPING -> "…";
            case FAILED -> "✖";
            case STOPPED -> "■";
            case COMPLETED -> "◆";
            case SKIPPED -> "↷";
            case PENDING -> "○";
        };
    }

    /** The words for a state, as shown in tooltips and read by screen readers. */
    public static String describe(ProcessState s) {
        return s == null ? "not loaded" : s.id();
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new StatusLightSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return StatusLight.class.getResource("status-light.css").toExternalForm();
    }
}
