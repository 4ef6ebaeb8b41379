package dev.switchboard.engine;

import java.time.Instant;
import java.util.List;

/** Something that happened in the supervisor. Immutable; delivered in order to subscribers. */
public sealed interface Event {

    /** The first event every subscriber gets: the state of every stack at the moment of subscribing. */
    record Snapshot(List<StackStatus> stacks) implements Event {
        public Snapshot {
            stacks = List.copyOf(stacks);
        }
    }

    /** A stack was opened, reloaded or changed definition. */
    record StackLoaded(StackStatus stack) implements Event {
    }

    /** A process changed state (or its pid, exit code, reason…). */
    record ProcessStateChanged(String stack, ProcessStatus process) implements Event {
    }

    /** A stack changed overall state. */
    record StackStateChanged(String stack, StackState state, String reason, Instant at) implements Event {
    }

    /** One line of a process's output. {@code seq} grows by one per line of that process and stream. */
    record LogLine(String stack, String process, LogStream stream, long seq, Instant at, String text)
            implements Event {
    }
}
