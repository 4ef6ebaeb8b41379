package dev.switchboard.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadyFileWatcherTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Path readyDir;
    private ReadyFileWatcher watcher;
    private Spawned spawned;

    @BeforeEach
    void setUp() throws Exception {
        readyDir = dir.resolve("ready");
        watcher = new ReadyFileWatcher(readyDir);
        spawned = new Spawned(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        spawned.close();
        watcher.close();
    }

    @Test
    void completesWhenTheFileIsCreated() throws Exception {
        Path file = readyDir.resolve("a.ready");
        CompletableFuture<Void> ready = watcher.await(file);
        assertFalse(ready.isDone());

        Files.createFile(file);

        Await.done(ready, LONG, "ready");
    }

    @Test
    void completesWhenAChildProcessTouchesTheFile() throws Exception {
        Path file = readyDir.resolve("child.ready");
        CompletableFuture<Void> ready = watcher.await(file);

        spawned.launch(java.util.List.of("sh", "-c", "sleep 0.1; touch \"$READY\"; exec sleep 1000"),
                Map.of("READY", file.toString()));

        Await.done(ready, LONG, "ready");
    }

    @Test
    void completesWhenTheFileIsMovedIn() throws Exception {
        Path file = readyDir.resolve("moved.ready");
        CompletableFuture<Void> ready = watcher.await(file);

        Files.move(Files.createFile(dir.resolve("elsewhere")), file);

        Await.done(ready, LONG, "ready");
    }

    @Test
    void otherFilesDoNotCount() throws Exception {
        Path file = readyDir.resolve("mine.ready");
        CompletableFuture<Void> ready = watcher.await(file);

        Files.createFile(readyDir.resolve("other.ready"));
        Files.createFile(readyDir.resolve("mine.ready.tmp"));

        assertTrue(Await.stillPendingAfter(ready, Duration.ofMillis(300)));
        Files.createFile(file);
        Await.done(ready, LONG, "ready");
    }

    @Test
    void fileCreatedBeforeAwaitCounts() throws Exception {
        Path file = Files.createFile(readyDir.resolve("early.ready"));

        CompletableFuture<Void> ready = watcher.await(file);

        assertTrue(ready.isDone());
    }

    @Test
    void cancellingStopsWaiting() {
        CompletableFuture<Void> ready = watcher.await(readyDir.resolve("never.ready"));
        assertEquals(1, watcher.awaitedCount());

        ready.cancel(false);

        assertEquals(0, watcher.awaitedCount());
    }

    @Test
    void filesOutsideTheFolderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> watcher.await(dir.resolve("x.ready")));
    }

    @Test
    void completesWithinTwoMillisecondsOfCreationAtTheMedian() throws Exception {
        int runs = 60;
        long[] micros = new long[runs];
        for (int i = -10; i < runs; i++) { // the first ten warm up
            Path file = readyDir.resolve("bench-" + i + ".ready");
            AtomicLong doneAt = new AtomicLong();
            CompletableFuture<Void> ready = watcher.await(file);
            ready.thenRun(() -> doneAt.set(System.nanoTime()));
            long createdAt = System.nanoTime();
            Files.createFile(file);
            Await.done(ready, LONG, "ready " + i);
            Await.until(LONG, "completion time", () -> doneAt.get() != 0);
            if (i >= 0) {
                micros[i] = (doneAt.get() - createdAt) / 1000;
            }
        }
        Arrays.sort(micros);
        long p50 = micros[runs / 2];
        assertTrue(p50 <= 2000, "p50 " + p50 + " µs, all: " + Arrays.toString(micros));
    }

    @Test
    void freshReadyFilesAreUniqueAndDoNotExist() throws Exception {
        SwitchboardHome home = SwitchboardHome.from(Map.of("SWITCHBOARD_HOME", dir.toString()), "/nonexistent");

        Path first = ReadyFiles.fresh(home, "my stack", "hub");
        Path second = ReadyFiles.fresh(home, "my stack", "hub");

        assertNotEquals(first, second);
        assertEquals(home.readyDir(), first.getParent());
        assertFalse(Files.exists(first));
        assertTrue(first.getFileName().toString().startsWith("my_stack--hub--"));
    }
}
