package dev.switchboard.ui.logs;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log list as drawn: escape codes never reach a cell, stderr is tinted, matches are marked, memory is bounded. */
@ExtendWith(ApplicationExtension.class)
class LogViewTest {
    private dev.switchboard.ui.stack.ControlPanelViewModel vm;
    private LogView view;

    @Start
    void start(Stage stage) {
        vm = new dev.switchboard.ui.stack.ControlPanelViewModel(new NoControl(), f -> {
            throw new dev.switchboard.model.StackFileException(List.of());
        }, Runnable::run, Runnable::run, java.time.Clock.systemUTC());
        view = new LogView(vm);
        Scene scene = new Scene(view, 900, 400);
        scene.getStylesheets().add(dev.switchboard.ui.SwitchboardApp.class.getResource("switchboard.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static Event.LogLine line(long seq, LogStream s, String text) {
        return new Event.LogLine("demo", "stt", s, seq, Instant.now(), text);
    }

    private List<ListCell<?>> cells(FxRobot robot) {
        List<ListCell<?>> out = new java.util.ArrayList<>();
        for (ListCell<?> c : robot.lookup(".log-cell").queryAllAs(ListCell.class)) {
            if (!c.isEmpty() && c.getItem() != null && c.isVisible()) {
                out.add(c);
            }
        }
        out.sort(java.util.Comparator.comparingInt(ListCell::getIndex));
        return out;
    }

    private static String shownText(ListCell<?> cell) {
        return ((javafx.scene.layout.HBox) cell.getGraphic()).getChildren().stream().skip(1)
                .map(LogViewTest::textOf).collect(Collectors.joining());
    }

    /** A line's pieces are Text nodes, its search matches Labels. */
    private static String textOf(Node piece) {
        return piece instanceof Label l ? l.getText() : ((javafx.scene.text.Text) piece).getText();
    }

    @Test
    void colouredLinesAreDrawnWithoutEscapeCodesAndStderrIsTinted(FxRobot robot) {
        robot.interact(() -> {
            vm.logs().sourceProperty().set(new LogViewModel.Source("demo", "stt"));
            vm.logs().append(List.of(line(1, LogStream.STDOUT, "\u001b[32mready\u001b[0m on :9001"),
                    line(1, LogStream.STDERR, "\u001b[1;31mwarning\u001b[0m: falling back to CPU")));
        });
        List<ListCell<?>> cells = cells(robot);
        assertEquals(2, cells.size());
        assertEquals("ready on :9001", shownText(cells.get(0)));
        assertFalse(shownText(cells.get(1)).contains("\u001b"));
        assertTrue(cells.get(1).getStyleClass().contains("stderr"));
        assertFalse(cells.get(0).getStyleClass().contains("stderr"));
        Node green = ((javafx.scene.layout.HBox) cells.get(0).getGraphic()).getChildren().get(1);
        assertTrue(green.getStyleClass().contains("ansi-fg-green"));
    }

    @Test
    void searchMarksMatchesInsideLines(FxRobot robot) {
        robot.interact(() -> {
            vm.logs().sourceProperty().set(new LogViewModel.Source("demo", "stt"));
            vm.logs().append(List.of(line(1, LogStream.STDOUT, "loading whisper model")));
        });
        robot.clickOn("#log-search").write("WHISPER");
        ListCell<?> cell = cells(robot).getFirst();
        List<Node> parts = ((javafx.scene.layout.HBox) cell.getGraphic()).getChildren().stream().skip(1).toList();
        assertEquals(List.of("loading ", "whisper", " model"), parts.stream().map(LogViewTest::textOf).toList());
        assertTrue(parts.get(1).getStyleClass().contains("match"));
        assertTrue(parts.get(1) instanceof Label, "a match has a background");
        assertFalse(parts.get(0).getStyleClass().contains("match"));
    }

    @Test
    void aFloodOfLinesKeepsOnlyTheNewestAndFollowsTheEnd(FxRobot robot) {
        robot.interact(() -> vm.logs().sourceProperty().set(new LogViewModel.Source("demo", "stt")));
        for (int batch = 0; batch < 5; batch++) {
            int b = batch;
            robot.interact(() -> vm.logs().append(IntStream.range(0, 5_000)
                    .mapToObj(i -> line(b * 5_000L + i, LogStream.STDOUT, "line " + (b * 5_000 + i))).toList()));
        }
        assertEquals(LogViewModel.DEFAULT_CAPACITY, view.list().getItems().size());
        List<ListCell<?>> cells = cells(robot);
        assertEquals("line 24999", shownText(cells.getLast()), "the newest line is in view while following");
    }

    @Test
    void scrollingUpPausesFollowingAndTheResumeButtonReturnsToTheEnd(FxRobot robot) {
        robot.interact(() -> {
            vm.logs().sourceProperty().set(new LogViewModel.Source("demo", "stt"));
            vm.logs().append(IntStream.range(0, 500).mapToObj(i -> line(i, LogStream.STDOUT, "line " + i)).toList());
        });
        robot.clickOn("#log-list").type(javafx.scene.input.KeyCode.HOME);
        assertFalse(vm.logs().followProperty().get());
        // 500 lines at once reserve blank rows above them (see ReservedRows); reading gives them up
        assertEquals(500, view.list().getItems().size(), "no blank rows once the user reads");
        assertEquals("line 0", shownText(cells(robot).getFirst()));
        robot.interact(() -> vm.logs().append(List.of(line(500, LogStream.STDOUT, "line 500"))));
        assertFalse(cells(robot).stream().anyMatch(c -> shownText(c).equals("line 500")), "paused: the view stays put");
        robot.clickOn("#log-follow");
        assertTrue(vm.logs().followProperty().get());
        robot.interact(() -> { });
        assertTrue(cells(robot).stream().anyMatch(c -> shownText(c).equals("line 500")));
    }

    @Test
    void readingUpDuringAFloodNeverShowsBlankRows(FxRobot robot) {
        robot.interact(() -> {
            vm.logs().sourceProperty().set(new LogViewModel.Source("demo", "stt"));
            vm.logs().append(IntStream.range(0, 300).mapToObj(i -> line(i, LogStream.STDOUT, "line " + i)).toList());
        });
        // the next frame's lines (the window applies one batch per frame)
        robot.interact(() -> vm.logs().append(IntStream.range(300, 400).mapToObj(i -> line(i, LogStream.STDOUT, "line " + i)).toList()));
        assertTrue(view.list().getItems().size() > 400, "a flood reserves blank rows above the lines");
        // following: the newest line comes into view (the scroll is laid out on a following frame)
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (cells(robot).isEmpty() || !shownText(cells(robot).getLast()).equals("line 399")) {
            assertTrue(System.nanoTime() < end, () -> "the newest line never came into view: " + cells(robot).size() + " lines shown");
            robot.interact(() -> { });
        }

        robot.clickOn("#log-list").type(javafx.scene.input.KeyCode.PAGE_UP);
        assertFalse(vm.logs().followProperty().get());
        assertEquals(400, view.list().getItems().size(), "reading older lines gives the reserve up");
        robot.interact(() -> { });
        assertEquals("line 399", shownText(cells(robot).getLast()), "the lines in view stay in view");
        long blank = robot.lookup(".log-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.isVisible() && !c.isEmpty() && c.getItem() == null).count();
        assertEquals(0, blank, "no blank row in view");
        robot.type(javafx.scene.input.KeyCode.HOME);
        assertEquals("line 0", shownText(cells(robot).getFirst()), "the top is the first line");
    }

    /** A control with no stacks; the log view is fed directly. */
    private static final class NoControl implements dev.switchboard.engine.StackControl {
        public CompletableFuture<dev.switchboard.engine.StackStatus> open(java.nio.file.Path f) { return new CompletableFuture<>(); }
        public CompletableFuture<dev.switchboard.engine.StackStatus> up(String s) { return new CompletableFuture<>(); }
        public CompletableFuture<dev.switchboard.engine.StackStatus> down(String s, boolean p) { return new CompletableFuture<>(); }
        public CompletableFuture<dev.switchboard.engine.StackStatus> start(String s, String p) { return new CompletableFuture<>(); }
        public CompletableFuture<dev.switchboard.engine.StackStatus> stop(String s, String p) { return new CompletableFuture<>(); }
        public CompletableFuture<dev.switchboard.engine.StackStatus> restart(String s, String p) { return new CompletableFuture<>(); }
        public CompletableFuture<dev.switchboard.engine.StackStatus> check(String s, String p) { return new CompletableFuture<>(); }
        public CompletableFuture<List<dev.switchboard.engine.StackStatus>> status() { return CompletableFuture.completedFuture(List.of()); }
        public CompletableFuture<List<Event.LogLine>> logs(String s, String p, LogStream st, int n) { return CompletableFuture.completedFuture(List.of()); }
        public Subscription subscribe(java.util.function.Consumer<Event> l) { return () -> { }; }
        public void close() { }
    }
}
