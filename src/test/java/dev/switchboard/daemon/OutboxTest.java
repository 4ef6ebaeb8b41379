package dev.switchboard.daemon;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.StackState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxTest {
    private static Event.LogLine line(long seq) {
        return new Event.LogLine("demo", "hub", LogStream.STDOUT, seq, Instant.EPOCH, "x");
    }

    private static Event state() {
        return new Event.StackStateChanged("demo", StackState.READY, null, Instant.EPOCH);
    }

    @Test
    void aFullQueueDropsLogLinesInOneMarkerWhereTheyWereButKeepsStateEvents() throws Exception {
        Outbox outbox = new Outbox(2, 100, () -> { });
        outbox.deliver(1, line(1));
        outbox.deliver(1, line(2));
        outbox.deliver(1, line(3));
        outbox.deliver(1, line(4));
        outbox.deliver(1, state());
        outbox.deliver(1, line(5));
        List<Outbox.Item> items = outbox.takeBatch(100);
        assertEquals(5, items.size());
        assertEquals(2, assertInstanceOf(Outbox.Dropped.class, items.get(2)).count);
        assertInstanceOf(Event.StackStateChanged.class, assertInstanceOf(Outbox.Delivery.class, items.get(3)).event());
        assertEquals(1, assertInstanceOf(Outbox.Dropped.class, items.get(4)).count);
        assertEquals(3, outbox.droppedTotal());
    }

    @Test
    void aClientThatLetsEvenStateEventsPileUpIsDisconnected() {
        AtomicBoolean overflowed = new AtomicBoolean();
        Outbox outbox = new Outbox(2, 10, () -> overflowed.set(true));
        for (int i = 0; i < 10; i++) {
            outbox.deliver(1, state());
        }
        assertFalse(overflowed.get());
        outbox.deliver(1, state());
        assertTrue(overflowed.get());
    }

    @Test
    void finishHandsOverWhatIsQueuedThenEnds() throws Exception {
        Outbox outbox = new Outbox(10, 100, () -> { });
        outbox.send(TextNode.valueOf("bye"));
        outbox.finish();
        outbox.send(TextNode.valueOf("too late"));
        assertEquals(1, outbox.takeBatch(10).size());
        assertEquals(List.of(), outbox.takeBatch(10));
    }
}
