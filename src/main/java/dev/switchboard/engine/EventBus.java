package dev.switchboard.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to subscribers in order and keeps the latest status of every stack. A change
 * updates that status and is delivered under one lock, and subscribing takes the snapshot and
 * registers under the same lock, so a subscriber sees every event after its snapshot and none twice.
 */
final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final Object lock = new Object();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, StackStatus> latest = new LinkedHashMap<>();

    /** Records a stack's new status and delivers the event that changed it. */
    void publish(Event event, String stack, StackStatus status) {
        synchronized (lock) {
            latest.put(stack, status);
            deliver(event);
        }
    }

    /** Forgets a stack (it was closed). */
    void forget(String stack) {
        synchronized (lock) {
            latest.remove(stack);
        }
    }

    /** Delivers an event that changes no status, such as a log line. */
    void publish(Event event) {
        synchronized (lock) {
            deliver(event);
        }
    }

    private void deliver(Event event) {
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    /** The latest status of every stack, in the order they were opened. */
    List<StackStatus> snapshot() {
        synchronized (lock) {
            return new ArrayList<>(latest.values());
        }
    }

    /** Registers a listener and hands it the snapshot first, atomically with respect to publishing. */
    StackControl.Subscription subscribe(Consumer<Event> listener) {
        synchronized (lock) {
            listener.accept(new Event.Snapshot(new ArrayList<>(latest.values())));
            listeners.add(listener);
        }
        return () -> listeners.remove(listener);
    }
}
