package dev.switchboard.ui.logs;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogViewModelTest {
    private final List<CompletableFuture<List<Event.LogLine>>> fetches = new ArrayList<>();

    private LogViewModel model(int capacity) {
        return new LogViewModel(capacity, source -> {
            CompletableFuture<List<Event.LogLine>> f = new CompletableFuture<>();
            fetches.add(f);
            return f;
        }, Runnable::run);
    }

    private static Event.LogLine line(String process, LogStream stream, long seq, String text) {
        return new Event.LogLine("demo", process, stream, seq, Instant.EPOCH.plusMillis(seq), text);
    }

    @Test
    void keepsOnlyTheNewestLinesUpToItsCapacity() {
        LogViewModel m = model(100);
        m.sourceProperty().set(new LogViewModel.Source("demo", "stt"));
        fetches.getFirst().complete(List.of());
        for (int batch = 0; batch < 30; batch++) {
            int b = batch;
            m.append(IntStream.range(0, 17).mapToObj(i -> line("stt", LogStream.STDOUT, b * 17L + i, "line " + (b * 17 + i))).toList());
        }
        assertEquals(100, m.lines().size());
        assertEquals("line 509", m.lines().getLast().text());
        assertEquals("line 410", m.lines().getFirst().text());
    }

    @Test
    void aJumpInSequenceNumbersShowsThatLinesWereLeftOutUntilTheSourceChanges() {
        LogViewModel m = model(100);
        m.sourceProperty().set(new LogViewModel.Source("demo", null));
        fetches.getFirst().complete(List.of());
        m.append(List.of(line("stt", LogStream.STDOUT, 1, "a"), line("stt", LogStream.STDOUT, 2, "b"),
                line("tts", LogStream.STDERR, 1, "c")));
        assertFalse(m.gapsProperty().get(), "consecutive lines of each stream");

        m.append(List.of(line("stt", LogStream.STDOUT, 40, "thinned out before it")));
        assertTrue(m.gapsProperty().get());

        m.sourceProperty().set(new LogViewModel.Source("demo", "tts"));
        assertFalse(m.gapsProperty().get(), "a new source starts without");
    }

    @Test
    void aFewLinesAtATimeDropTheOldestAsOneChange() {
        LogViewModel m = model(160);
        m.sourceProperty().set(new LogViewModel.Source("demo", "stt"));
        fetches.getFirst().complete(List.of());
        List<javafx.collections.ListChangeListener.Change<? extends LogEntry>> changes = new java.util.ArrayList<>();
        for (int batch = 0; batch < 40; batch++) {
            if (batch == 39) {
                m.lines().addListener((javafx.collections.ListChangeListener<LogEntry>) c -> {
                    while (c.next()) {
                        changes.add(c);
                    }
                });
            }
            int b = batch;
            m.append(IntStream.range(0, 5).mapToObj(i -> line("stt", LogStream.STDOUT, b * 5L + i, "line " + (b * 5 + i))).toList());
        }
        assertEquals(160, m.lines().size());
        assertEquals("line 40", m.lines().getFirst().text());
        assertEquals("line 199", m.lines().getLast().text());
        assertEquals(2, changes.size(), "the last batch: 5 removed at the top, 5 added at the end");
    }

    @Test
    void aSingleHugeBatchIsCutToCapacity() {
        LogViewModel m = model(10);
        m.sourceProperty().set(new LogViewModel.Source("demo", null));
        fetches.getFirst().complete(IntStream.range(0, 1000).mapToObj(i -> line("hub", LogStream.STDOUT, i, "x" + i)).toList());
        assertEquals(10, m.lines().size());
        assertEquals("x999", m.lines().getLast().text());
    }

    @Test
    void linesArrivingDuringTheFetchAreMergedWithoutDuplicatesOrGaps() {
        LogViewModel m = model(1000);
        m.sourceProperty().set(new LogViewModel.Source("demo", "stt"));
        assertTrue(m.loadingProperty().get());
        m.append(List.of(line("stt", LogStream.STDOUT, 2, "two"), line("stt", LogStream.STDOUT, 3, "three"),
                line("tts", LogStream.STDOUT, 9, "other process")));
        fetches.getFirst().complete(List.of(line("stt", LogStream.STDOUT, 1, "one"), line("stt", LogStream.STDOUT, 2, "two")));
        assertFalse(m.loadingProperty().get());
        assertEquals(List.of("one", "two", "three"), m.lines().stream().map(LogEntry::text).toList());
    }

    @Test
    void aFetchForAnEarlierSourceIsIgnored() {
        LogViewModel m = model(1000);
        m.sourceProperty().set(new LogViewModel.Source("demo", "stt"));
        m.sourceProperty().set(new LogViewModel.Source("demo", "tts"));
        fetches.get(1).complete(List.of(line("tts", LogStream.STDOUT, 1, "tts line")));
        fetches.get(0).complete(List.of(line("stt", LogStream.STDOUT, 1, "stt line")));
        assertEquals(List.of("tts line"), m.lines().stream().map(LogEntry::text).toList());
    }

    @Test
    void stderrOnlyAndSearchFilterNarrowTheVisibleLines() {
        LogViewModel m = model(1000);
        m.sourceProperty().set(new LogViewModel.Source("demo", null));
        fetches.getFirst().complete(List.of(
                line("stt", LogStream.STDOUT, 1, "loading model"),
                line("stt", LogStream.STDERR, 1, "WARNING: falling back to CPU"),
                line("tts", LogStream.STDERR, 1, "voice loaded")));
        m.stderrOnlyProperty().set(true);
        assertEquals(2, m.visibleLines().size());
        m.searchProperty().set("cpu");
        assertEquals(2, m.visibleLines().size(), "search alone only highlights");
        m.filterToMatchesProperty().set(true);
        assertEquals(List.of("WARNING: falling back to CPU"), m.visibleLines().stream().map(LogEntry::text).toList());
        m.stderrOnlyProperty().set(false);
        m.searchProperty().set("LOAD");
        assertEquals(2, m.visibleLines().size());
    }

    @Test
    void copiedTextIsStrippedOfEscapesAndNamesProcessesInAMergedView() {
        LogViewModel m = model(1000);
        m.sourceProperty().set(new LogViewModel.Source("demo", null));
        fetches.getFirst().complete(List.of(line("stt", LogStream.STDOUT, 1, "\u001b[32mready\u001b[0m")));
        assertEquals("[stt] ready\n", m.asText(m.visibleLines()));
    }

    @Test
    void nextMatchWrapsAroundInBothDirections() {
        LogViewModel m = model(1000);
        m.sourceProperty().set(new LogViewModel.Source("demo", "stt"));
        fetches.getFirst().complete(List.of(line("stt", LogStream.STDOUT, 1, "error a"),
                line("stt", LogStream.STDOUT, 2, "fine"), line("stt", LogStream.STDOUT, 3, "error b")));
        m.searchProperty().set("error");
        assertEquals(2, m.nextMatch(0, true));
        assertEquals(0, m.nextMatch(2, true));
        assertEquals(2, m.nextMatch(0, false));
        m.searchProperty().set("absent");
        assertEquals(-1, m.nextMatch(0, true));
    }

    @Test
    void clearEmptiesTheViewButLaterLinesStillArrive() {
        LogViewModel m = model(1000);
        m.sourceProperty().set(new LogViewModel.Source("demo", "stt"));
        fetches.getFirst().complete(List.of(line("stt", LogStream.STDOUT, 1, "old")));
        m.clear();
        assertTrue(m.lines().isEmpty());
        m.append(List.of(line("stt", LogStream.STDOUT, 2, "new")));
        assertEquals(List.of("new"), m.lines().stream().map(LogEntry::text).toList());
    }
}
