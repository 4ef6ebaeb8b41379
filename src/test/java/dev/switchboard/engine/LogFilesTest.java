package dev.switchboard.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogFilesTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-08T14:25:01.123Z"), ZoneOffset.UTC);

    @Test
    void allocatesAFreshEmptyPairPerLaunch() throws Exception {
        LogFiles logs = new LogFiles(dir, clock);

        LogFiles.Pair first = logs.allocate("demo", "hub");
        LogFiles.Pair second = logs.allocate("demo", "hub");

        assertEquals(dir.resolve("demo/hub/20261108T142501.123Z-1.stdout.log"), first.stdout());
        assertEquals(dir.resolve("demo/hub/20261108T142501.123Z-1.stderr.log"), first.stderr());
        assertNotEquals(first, second);
        assertEquals(0, Files.size(second.stdout()));
        assertEquals(0, Files.size(second.stderr()));
        assertEquals(second, logs.latest("demo", "hub").orElseThrow());
    }

    @Test
    void keepsOnlyTheLastFiveRuns() throws Exception {
        LogFiles logs = new LogFiles(dir, clock);
        List<LogFiles.Pair> pairs = new ArrayList<>();

        for (int i = 0; i < 11; i++) {
            pairs.add(logs.allocate("demo", "hub"));
        }

        Await.until(java.time.Duration.ofSeconds(5), "older runs to be pruned", () -> {
            try (Stream<Path> files = Files.list(dir.resolve("demo/hub"))) {
                return files.count() == 10;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        for (int i = 0; i < 11; i++) {
            assertEquals(i >= 6, Files.exists(pairs.get(i).stdout()), "run " + (i + 1));
            assertEquals(i >= 6, Files.exists(pairs.get(i).stderr()), "run " + (i + 1));
        }
    }

    @Test
    void olderTimestampsArePrunedFirst() throws Exception {
        LogFiles.Pair old = new LogFiles(dir, Clock.offset(clock, java.time.Duration.ofDays(-1))).allocate("s", "p");
        LogFiles logs = new LogFiles(dir, clock);

        for (int i = 0; i < 5; i++) {
            logs.allocate("s", "p");
        }

        // pruning happens off the launching thread
        Await.until(java.time.Duration.ofSeconds(5), "the oldest run to be pruned", () -> !Files.exists(old.stdout()));
    }

    @Test
    void stackNamesBecomeOneSafeFolder() throws Exception {
        LogFiles logs = new LogFiles(dir, clock);

        LogFiles.Pair pair = logs.allocate("../my stack/x", "hub");

        assertTrue(pair.stdout().startsWith(dir.resolve(".._my_stack_x/hub")));
        assertEquals("_..", LogFiles.safeName(".."));
    }
}
