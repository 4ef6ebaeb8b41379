package dev.switchboard.ui.logs;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.TransformationList;

import java.util.Collections;
import java.util.function.BooleanSupplier;

/**
 * The log lines as the list shows them: the lines, with blank rows (null items) reserved above
 * them while a flood fills the list up.
 *
 * <p>Why: whenever its number of items changes, JavaFX's {@code VirtualFlow} lays itself out at
 * once and takes every cell out of the scene and puts it back (the "FIXME" beside RT-13965 in
 * {@code VirtualFlow.setCellCount}), so each cell's CSS is worked out again. A list that grows
 * every frame pays that every frame: while ten floods fill the view, about a third of the FX
 * thread. So while lines pour in and the view follows them, this list reserves about a second's
 * worth of growth at once; each new line takes the place of a blank row at the top, and the number
 * of items stays the same until the reserve is used up. A small or slowly growing list never gets
 * a reserve; what is left of one goes (one change) once the flood slows down while the view
 * follows, as soon as the lines shrink (cleared, filtered), or when the user stops following
 * ({@link #release()}). FX thread only.
 */
final class ReservedRows extends TransformationList<LogEntry, LogEntry> {
    /** A change must add at least this many lines, to a list of at least {@link #MIN_LINES}, to count as a flood. */
    static final int FLOOD_LINES = 32;
    /** See {@link #FLOOD_LINES}. */
    static final int MIN_LINES = 200;
    /** Frames of growth reserved at once (about a second). */
    static final int FRAMES_AHEAD = 60;

    private final int capacity;
    private final BooleanSupplier mayReserve;
    private int reserved;
    private int sourceSize;

    /**
     * @param source     the lines
     * @param capacity   the most lines the source ever holds: lines and reserve stay within it
     * @param mayReserve whether a reserve may be made, or left over released, now (the view
     *                   follows the newest line and nothing is filtered)
     */
    ReservedRows(ObservableList<LogEntry> source, int capacity, BooleanSupplier mayReserve) {
        super(source);
        this.capacity = capacity;
        this.mayReserve = mayReserve;
        this.sourceSize = source.size();
    }

    /** How many blank rows are reserved at the top. */
    int reserved() {
        return reserved;
    }

    /** Gives up the reserved rows (when the user stops following: they would scroll into blank rows). */
    void release() {
        if (reserved > 0) {
            beginChange();
            nextRemove(0, Collections.nCopies(reserved, null));
            reserved = 0;
            endChange();
        }
    }

    @Override
    public int size() {
        return reserved + getSource().size();
    }

    /** The line at {@code index}; null for a reserved row. */
    @Override
    public LogEntry get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        return index < reserved ? null : getSource().get(index - reserved);
    }

    /** The line's index in the source, or -1 for a reserved row. */
    @Override
    public int getSourceIndex(int index) {
        return index < reserved ? -1 : index - reserved;
    }

    @Override
    public int getViewIndex(int index) {
        return index + reserved;
    }

    @Override
    protected void sourceChanged(ListChangeListener.Change<? extends LogEntry> c) {
        int before = sourceSize;
        sourceSize = getSource().size();
        int grew = sourceSize - before;
        boolean flood = grew >= FLOOD_LINES && sourceSize >= MIN_LINES;
        beginChange();
        if (reserved > 0) {
            // new lines take reserved rows' place; a reserve no longer needed goes at once
            boolean drop = grew < 0 || !flood && mayReserve.getAsBoolean();
            int release = drop ? reserved : Math.min(reserved, Math.max(0, grew));
            if (release > 0) {
                nextRemove(0, Collections.nCopies(release, null));
                reserved -= release;
            }
        }
        while (c.next()) {
            int from = c.getFrom() + reserved;
            int to = c.getTo() + reserved;
            if (c.wasPermutated()) {
                int[] perm = new int[to - from];
                for (int i = from; i < to; i++) {
                    perm[i - from] = c.getPermutation(i - reserved) + reserved;
                }
                nextPermutation(from, to, perm);
            } else if (c.wasUpdated()) {
                for (int i = from; i < to; i++) {
                    nextUpdate(i);
                }
            } else {
                if (c.wasRemoved()) {
                    nextRemove(from, c.getRemoved());
                }
                if (c.wasAdded()) {
                    nextAdd(from, to);
                }
            }
        }
        if (flood && reserved == 0 && sourceSize < capacity && mayReserve.getAsBoolean()) {
            reserved = Math.min(capacity - sourceSize, grew * FRAMES_AHEAD);
            nextAdd(0, reserved);
        }
        endChange();
    }
}
