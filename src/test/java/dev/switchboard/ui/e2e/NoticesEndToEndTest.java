package dev.switchboard.ui.e2e;

import dev.switchboard.engine.ProcessState;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the window tells the user outside its own panes: a desktop notification when a stack becomes
 * ready or fails, and, the first time it is closed while something runs, that stacks keep running.
 */
class NoticesEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private PanelDriver panel;

    @AfterEach
    void stopEverything() throws Exception {
        if (panel != null) {
            panel.close();
        }
    }

    private Path stack(String name, String script) throws Exception {
        return Files.writeString(root.resolve(name + ".yaml"), "name: " + name + "\nprocesses:\n"
                + "  - name: only\n    command: [sh, -c, '" + script + "', sh, '" + root + "']\n");
    }

    /** Opens the window (notifications on) on a stack whose one process is ready at once. */
    private void openQuickStack() throws Exception {
        Path quick = stack("quick", "touch \"$SWITCHBOARD_READY_FILE\"; exec sleep 300");
        panel = new PanelDriver(root.resolve("home")).open(quick, true);
        panel.await("the stack is shown", DEADLINE, () -> panel.light("only") == ProcessState.STOPPED);
    }

    @Test
    void aNotificationSaysWhenAStackIsReadyAndWhenItFails() throws Exception {
        openQuickStack();

        panel.click("#stack-start");
        panel.await("a notification says the stack is ready", DEADLINE,
                () -> notificationTexts().stream().anyMatch(t -> t.equals("Stack ready")));
        assertTrue(notificationTexts().stream().anyMatch(t -> t.contains("quick")), notificationTexts()::toString);

        Path failing = stack("failing", "echo boom >&2; exit 3");
        panel.onFx(() -> {
            panel.vm().openFile(failing);
            return null;
        });
        panel.await("the failing stack is shown", DEADLINE, () -> panel.vm().selectedStackProperty().get() != null
                && panel.vm().selectedStackProperty().get().name().equals("failing") && panel.light("only") != null);
        panel.click("#stack-start");
        panel.await("a notification says the stack failed", DEADLINE,
                () -> notificationTexts().stream().anyMatch(t -> t.equals("Stack failed")));
        assertTrue(notificationTexts().stream().anyMatch(t -> t.contains("exit") && t.contains("3")),
                notificationTexts()::toString);
    }

    @Test
    void closingTheWindowWhileAStackRunsSaysOnceThatItKeepsRunning() throws Exception {
        openQuickStack();
        panel.click("#stack-start");
        panel.await("the stack is ready", DEADLINE, () -> panel.light("only") == ProcessState.READY);

        java.util.concurrent.Future<Void> firstClose = requestClose();
        panel.await("a message says the stack keeps running", DEADLINE,
                () -> dialog().map(d -> d.getHeaderText().equals("Your stacks keep running")).orElse(false));
        assertTrue(panel.onFx(() -> dialog().orElseThrow().getContentText().contains("switchboard down")));
        panel.onFx(() -> {
            ((javafx.scene.control.Button) dialog().orElseThrow().lookupButton(javafx.scene.control.ButtonType.OK)).fire();
            return null;
        });
        firstClose.get(10, TimeUnit.SECONDS);

        java.util.concurrent.Future<Void> secondClose = requestClose();
        secondClose.get(10, TimeUnit.SECONDS); // a message would block the close request until dismissed
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Optional.empty(), panel.onFx(this::dialog).map(DialogPane::getHeaderText), "said only once");
    }

    /** Sends the window a close request, as the window manager does, and completes once it was handled. */
    private java.util.concurrent.Future<Void> requestClose() {
        Window stage = panel.stage();
        return WaitForAsyncUtils.asyncFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    /** The dialog shown over the window, if any. */
    private Optional<DialogPane> dialog() {
        return Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene() == null ? null : w.getScene().getRoot())
                .filter(r -> r instanceof DialogPane).map(r -> (DialogPane) r).findFirst();
    }

    /** The texts of every label in the notification popups shown now (read on the FX thread). */
    private List<String> notificationTexts() {
        return panel.onFx(() -> {
            List<String> texts = new ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (w.isShowing() && w.getScene() != null) {
                    for (Node bar : w.getScene().getRoot().lookupAll(".notification-bar")) {
                        collect(bar, texts);
                    }
                }
            }
            return texts;
        });
    }

    private static void collect(Node node, List<String> texts) {
        if (node instanceof Labeled l && l.getText() != null) {
            texts.add(l.getText());
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, texts));
        }
    }
}
