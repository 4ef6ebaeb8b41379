package dev.switchboard.ui.logs;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The list the log view shows: blank rows reserved while a flood fills it, so its size changes
 * once a second rather than every frame; every change it reports, replayed on a plain list,
 * gives exactly its contents.
 */
class ReservedRowsTest {
    private static final int CAPACITY = 10_000;

    private final ObservableList<LogEntry> lines = FXCollections.observableArrayList();
    private boolean following = true;
    private final ReservedRows rows = new ReservedRows(lines, CAPACITY, () -> following);
    /** What a list view knows: the changes, replayed. */
    private final List<LogEntry> replayed = new ArrayList<>();
    private int sizeChanges;
    private int lastSize;
    private long seq;

    {
        rows.addListener((ListChangeListener<LogEntry>) c -> {
            while (c.next()) {
                if (c.wasPermutated()) {
                    throw new AssertionError("no permutations expected");
                }
                if (c.wasRemoved()) {
                    assertEquals(c.getRemoved(), replayed.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()));
                    replayed.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()).clear();
                }
                if (c.wasAdded()) {
                    replayed.addAll(c.getFrom(), c.getAddedSubList());
                }
            }
        });
    }

    private List<LogEntry> next(int n) {
        return IntStream.range(0, n).mapToObj(i -> LogEntry.of(new Event.LogLine("demo", "p", LogStream.STDOUT,
                ++seq, Instant.EPOCH, "line " + seq))).toList();
    }

    /** Adds a frame's lines the way the log view model does: at the end, dropping the oldest past the capacity. */
    private void frame(int n) {
        List<LogEntry> fresh = next(n);
        int overflow = lines.size() + n - CAPACITY;
        if (overflow > 0) {
            lines.remove(0, overflow);
        }
        lines.addAll(fresh);
        // a list view takes the number of items in once per frame: what costs is a frame that changed it
        if (rows.size() != lastSize) {
            sizeChanges++;
            lastSize = rows.size();
        }
        assertEquals(replayed, rows, "the changes replayed give the list");
        assertEquals(lines, rows.subList(rows.reserved(), rows.size()), "the lines follow the reserved rows");
    }

    @Test
    void aSmallOrSlowLogGetsNoReservedRows() {
        for (int i = 0; i < 300; i++) {
            frame(1);
        }
        frame(ReservedRows.FLOOD_LINES - 1);
        assertEquals(0, rows.reserved());
        assertEquals(lines.size(), rows.size());
    }

    @Test
    void aFloodReservesRowsSoTheSizeChangesRarelyWhileItFills() {
        frame(150);
        sizeChanges = 0;
        for (int i = 0; i < 120; i++) {
            frame(170); // ten floods' share of one frame
        }
        assertEquals(CAPACITY, lines.size());
        assertEquals(0, rows.reserved(), "the reserve is used up once the lines reach the capacity");
        assertEquals(CAPACITY, rows.size());
        // without a reserve the size would change in each of the ~58 frames that filled the list
        assertEquals(1, sizeChanges, "the size changed in one frame, when the rows were reserved");
    }

    @Test
    void reservedRowsAreBlankAndAtTheTop() {
        frame(150);
        frame(100);
        int reserved = rows.reserved();
        assertEquals(Math.min(CAPACITY - 250, 100 * ReservedRows.FRAMES_AHEAD), reserved);
        assertNull(rows.get(0));
        assertNull(rows.get(reserved - 1));
        assertEquals(lines.getFirst(), rows.get(reserved));
        assertEquals(-1, rows.getSourceIndex(0));
        assertEquals(0, rows.getSourceIndex(reserved));
        assertEquals(reserved + 5, rows.getViewIndex(5));
    }

    @Test
    void whatIsLeftGoesOnceTheFloodSlowsDownWhileFollowing() {
        frame(150);
        frame(100);
        frame(100);
        assertTrue(rows.reserved() > 0);
        frame(3);
        assertEquals(0, rows.reserved());
        assertEquals(lines.size(), rows.size());
    }

    @Test
    void whileTheUserReadsOlderLinesTheRowsStayPut() {
        frame(150);
        frame(100);
        following = false;
        int reserved = rows.reserved();
        frame(3); // slowed down, but dropping the reserve now would move what the user reads
        assertEquals(reserved - 3, rows.reserved());
        frame(100);
        assertEquals(reserved - 103, rows.reserved(), "new lines still take reserved rows");
    }

    @Test
    void clearingOrFilteringDropsTheReserve() {
        frame(150);
        frame(100);
        following = false; // even then
        lines.remove(0, 10);
        assertEquals(replayed, rows);
        assertEquals(0, rows.reserved());
        frame(100);
        lines.clear();
        assertEquals(replayed, rows);
        assertEquals(0, rows.size());
    }

    @Test
    void theReserveCanBeGivenUp() {
        frame(150);
        frame(100);
        assertTrue(rows.reserved() > 0);
        rows.release();
        assertEquals(0, rows.reserved());
        assertEquals(replayed, rows);
        assertEquals(lines, rows);
    }

    @Test
    void noReserveIsMadeWhileNotFollowing() {
        following = false;
        frame(ReservedRows.MIN_LINES);
        frame(500);
        assertEquals(0, rows.reserved());
    }
}
