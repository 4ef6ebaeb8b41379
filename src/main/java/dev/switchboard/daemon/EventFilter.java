package dev.switchboard.daemon;

import dev.switchboard.engine.Event;

import java.util.Optional;

/**
 * Which events a subscription wants: those of one stack or of all, with or without log lines.
 * Filtering in the service keeps a client that only shows progress from being sent (and made to
 * drop) every log line of every stack.
 *
 * @param stack   the stack's name, or null for every stack
 * @param logs    whether {@link Event.LogLine}s are wanted
 * @param logRate at most this many log lines per second and process ({@link dev.switchboard.engine.LogSampler}),
 *                0 for all of them
 */
public record EventFilter(String stack, boolean logs, int logRate) {

    /** Everything: the default. */
    public static final EventFilter ALL = new EventFilter(null, true, 0);

    public EventFilter {
        if (logRate < 0) {
            throw new IllegalArgumentException("log rate must not be negative: " + logRate);
        }
    }

    /** One stack or all, with or without log lines, all of them. */
    public EventFilter(String stack, boolean logs) {
        this(stack, logs, 0);
    }

    /** The state events of one stack, without its output. */
    public static EventFilter statesOf(String stack) {
        return new EventFilter(stack, false);
    }

    /** This filter with log lines thinned out to {@code linesPerSecond} per process. */
    public EventFilter withLogRate(int linesPerSecond) {
        return new EventFilter(stack, logs, linesPerSecond);
    }

    /** The event as this subscription should see it (a snapshot narrowed to the stack), or empty to skip it. */
    Optional<Event> apply(Event event) {
        if (event instanceof Event.LogLine && !logs) {
            return Optional.empty();
        }
        if (stack == null) {
            return Optional.of(event);
        }
        return switch (event) {
            case Event.Snapshot snapshot -> Optional.of(new Event.Snapshot(
                    snapshot.stacks().stream().filter(s -> s.name().equals(stack)).toList()));
            case Event.StackLoaded loaded -> keepIf(loaded, loaded.stack().name());
            case Event.ProcessStateChanged changed -> keepIf(changed, changed.stack());
            case Event.StackStateChanged changed -> keepIf(changed, changed.stack());
            case Event.LogLine line -> keepIf(line, line.stack());
        };
    }

    private Optional<Event> keepIf(Event event, String eventStack) {
        return stack.equals(eventStack) ? Optional.of(event) : Optional.empty();
    }
}
