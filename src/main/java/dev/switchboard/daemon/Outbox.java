package dev.switchboard.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.engine.Event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The outgoing queue of one connection. Producers (request handlers and the supervisor's event
 * threads) never block: once {@code capacity} items wait, further log lines are dropped and counted
 * in a {@link Dropped} marker at the place they would have been, while replies and state events are
 * still queued, because a client must never miss a state change. A client that lets even those pile
 * up past {@code hardLimit} is hopeless and gets disconnected through {@code onOverflow}.
 */
final class Outbox {

    /** Something to write: a ready message, an event of a subscription, or a count of dropped lines. */
    sealed interface Item permits Message, Delivery, Dropped {
    }

    /** A complete message (a reply or a hello). */
    record Message(JsonNode node) implements Item {
    }

    /** An event for subscription {@code sub}. */
    record Delivery(long sub, Event event) implements Item {
    }

    /** {@code count} log lines of subscription {@code sub} were dropped here. */
    static final class Dropped implements Item {
        final long sub;
        long count;

        Dropped(long sub) {
            this.sub = sub;
        }
    }

    private final int capacity;
    private final int hardLimit;
    private final Runnable onOverflow;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private boolean closed;
    private boolean finishing;
    private long droppedTotal;

    Outbox(int capacity, int hardLimit, Runnable onOverflow) {
        this.capacity = capacity;
        this.hardLimit = hardLimit;
        this.onOverflow = onOverflow;
    }

    /** Queues a message that must not be dropped. */
    void send(JsonNode message) {
        add(new Message(message));
    }

    /** Queues an event for a subscription, dropping it instead if it is a log line and the queue is full. */
    void deliver(long sub, Event event) {
        boolean overflow;
        lock.lock();
        try {
            if (closed || finishing) {
                return;
            }
            if (event instanceof Event.LogLine && queue.size() >= capacity) {
                droppedTotal++;
                if (queue.peekLast() instanceof Dropped marker && marker.sub == sub) {
                    marker.count++;
                    return;
                }
                Dropped marker = new Dropped(sub);
                marker.count = 1;
                overflow = offer(marker);
            } else {
                overflow = offer(new Delivery(sub, event));
            }
        } finally {
            lock.unlock();
        }
        if (overflow) {
            onOverflow.run();
        }
    }

    /**
     * Waits for at least one item and returns everything queued, up to {@code max} items;
     * returns an empty list once the outbox is closed.
     */
    List<Item> takeBatch(int max) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed && !finishing) {
                notEmpty.await();
            }
            if (closed) {
                return List.of();
            }
            List<Item> batch = new ArrayList<>(Math.min(max, queue.size()));
            while (!queue.isEmpty() && batch.size() < max) {
                batch.add(queue.pollFirst());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Accepts nothing more; the writer gets what is already queued, then an empty batch. */
    void finish() {
        lock.lock();
        try {
            finishing = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Discards what is queued and wakes the writer. */
    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many log lines this outbox has dropped so far. */
    long droppedTotal() {
        lock.lock();
        try {
            return droppedTotal;
        } finally {
            lock.unlock();
        }
    }

    private void add(Item item) {
        boolean overflow;
        lock.lock();
        try {
            if (closed || finishing) {
                return;
            }
            overflow = offer(item);
        } finally {
            lock.unlock();
        }
        if (overflow) {
            onOverflow.run();
        }
    }

    /** Adds under the lock; true when the hard limit was crossed and the outbox closed itself. */
    private boolean offer(Item item) {
        if (queue.size() >= hardLimit) {
            closed = true;
            queue.clear();
            notEmpty.signalAll();
            return true;
        }
        queue.addLast(item);
        notEmpty.signal();
        return false;
    }
}
