package dev.switchboard.ui.stack;

import dev.switchboard.model.LaunchMode;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.util.function.Supplier;

/**
 * The window's commands, shared by the toolbar, the process panel, the graph's menu and the
 * shortcuts. Adds the confirmations the launch modes call for: a persist process is meant to outlive
 * stack restarts, so stopping one asks first.
 */
public final class Commands {
    private final ControlPanelViewModel vm;
    private final Supplier<Window> owner;

    /** Creates the commands; dialogs are owned by {@code owner}'s window. */
    public Commands(ControlPanelViewModel vm, Supplier<Window> owner) {
        this.vm = vm;
        this.owner = owner;
    }

    /** Starts the selected stack, if that makes sense now. */
    public void startStack() {
        StackViewModel s = vm.selectedStackProperty().get();
        if (s != null && Actions.startStack(s).enabled()) {
            vm.startStack(s);
        }
    }

    /** Stops the selected stack, leaving persist processes running. */
    public void stopStack() {
        StackViewModel s = vm.selectedStackProperty().get();
        if (s != null && Actions.stopStack(s).enabled()) {
            vm.stopStack(s, false);
        }
    }

    /** Stops the selected stack and its persist processes, after asking. */
    public void stopStackWithPersist() {
        StackViewModel s = vm.selectedStackProperty().get();
        if (s != null && Actions.stopStackWithPersist(s).enabled()
                && confirm("Stop everything in " + s.name() + "?",
                "This also stops its persist processes, which are meant to outlive stack restarts. "
                        + "Starting them again may take a while.", "Stop everything")) {
            vm.stopStack(s, true);
        }
    }

    /** Restarts the selected stack. */
    public void restartStack() {
        StackViewModel s = vm.selectedStackProperty().get();
        if (s != null && Actions.restartStack(s).enabled()) {
            vm.restartStack(s);
        }
    }

    /** Starts a process and what it depends on. */
    public void start(ProcessViewModel p) {
        if (p != null && Actions.startProcess(p).enabled()) {
            vm.startProcess(p);
        }
    }

    /** Stops a process and its dependents; asks first for a persist process. */
    public void stop(ProcessViewModel p) {
        if (p == null || !Actions.stopProcess(p).enabled()) {
            return;
        }
        if (p.mode() == LaunchMode.PERSIST && !confirm("Stop " + p.name() + "?",
                p.name() + " is a persist process: it is meant to outlive stack restarts and is left running "
                        + "when the stack stops. Stop it anyway?", "Stop " + p.name())) {
            return;
        }
        vm.stopProcess(p);
    }

    /** Restarts a process and its dependents. */
    public void restart(ProcessViewModel p) {
        if (p != null && Actions.restartProcess(p).enabled()) {
            vm.restartProcess(p);
        }
    }

    /** Probes a reuse process again. */
    public void check(ProcessViewModel p) {
        if (p != null && Actions.check(p).enabled()) {
            vm.check(p);
        }
    }

    private boolean confirm(String header, String text, String action) {
        ButtonType yes = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, yes, ButtonType.CANCEL);
        alert.setTitle("Switchboard");
        alert.setHeaderText(header);
        alert.initOwner(owner.get());
        alert.getDialogPane().setId("confirm-dialog");
        return alert.showAndWait().filter(b -> b == yes).isPresent();
    }
}
