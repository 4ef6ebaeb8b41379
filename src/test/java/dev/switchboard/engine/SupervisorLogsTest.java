package dev.switchboard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log lines a supervisor reports for its processes. */
class SupervisorLogsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void aRestartedProcessNumbersItsLinesOnFromItsPreviousLaunch(@TempDir Path dir) throws Exception {
        try (StackFixture f = new StackFixture(dir)) {
            List<Event.LogLine> lines = new CopyOnWriteArrayList<>();
            f.supervisor.subscribe(e -> {
                if (e instanceof Event.LogLine l && l.process().equals("talker")) {
                    lines.add(l);
                }
            });
            f.stack("name: talk\nprocesses:\n  - name: talker\n    command: [sh, -c, 'echo one; echo two; echo oops >&2;"
                    + " touch \"$SWITCHBOARD_READY_FILE\"; exec sleep 1000']\n");
            f.up();
            StackFixture.awaitTrue(() -> lines.size() == 3, DEADLINE, () -> "first launch's lines: " + lines);
            f.supervisor.restart(f.stack, "talker").get();
            StackFixture.awaitTrue(() -> lines.size() == 6, DEADLINE, () -> "both launches' lines: " + lines);

            // Readers that follow a process (the window's log view, `logs -f`) drop a number they
            // have seen: a second launch counting from 1 again would be dropped.
            assertEquals(List.of(1L, 2L, 3L, 4L), seqs(lines, LogStream.STDOUT));
            assertEquals(List.of(1L, 2L), seqs(lines, LogStream.STDERR));
            List<Event.LogLine> recent = f.supervisor.logs(f.stack, "talker", LogStream.STDOUT, 10).get();
            assertEquals(List.of(3L, 4L), recent.stream().map(Event.LogLine::seq).toList(),
                    "the tail kept for the current launch is numbered like the live lines");
            assertEquals(List.of("one", "two"), recent.stream().map(Event.LogLine::text).toList());
        }
    }

    private static List<Long> seqs(List<Event.LogLine> lines, LogStream stream) {
        return lines.stream().filter(l -> l.stream() == stream).map(Event.LogLine::seq).toList();
    }
}
