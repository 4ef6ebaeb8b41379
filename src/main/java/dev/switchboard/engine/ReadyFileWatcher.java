package dev.switchboard.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches one folder of ready files with a single inotify watch and completes a future within
 * milliseconds of the file awaited appearing. A slow safety poll runs only while something is
 * awaited. Futures complete on the watcher thread: dependents should be short or use *Async.
 */
public final class ReadyFileWatcher implements AutoCloseable {

    private static final long SAFETY_POLL_MS = 1000;

    private final Path dir;
    private final DirectoryWatcher watcher;
    private final DirectoryWatcher.Registration watch;
    private final Map<Path, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
    private ScheduledFuture<?> safetyPoll; // guarded by this

    /** Watches {@code dir}, creating it (readable only by the user) if needed. */
    public ReadyFileWatcher(Path dir) throws IOException {
        this.dir = SwitchboardHome.ensurePrivateDir(dir.toAbsolutePath().normalize());
        this.watcher = new DirectoryWatcher("sb-ready-watch");
        this.watch = watcher.watch(this.dir, new DirectoryWatcher.Listener() {
            @Override
            public void changed(Path fileName) {
                completeAll(fileName);
            }

            @Override
            public void overflowed() {
                checkAll();
            }
        });
    }

    /** The watched folder. */
    public Path dir() {
        return dir;
    }

    /**
     * Completes once {@code file} (which must be in {@link #dir()}) exists, also if it already
     * does. Cancelling the future stops waiting for it.
     */
    public CompletableFuture<Void> await(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!dir.equals(absolute.getParent())) {
            throw new IllegalArgumentException(file + " is not in the ready folder " + dir);
        }
        Path name = absolute.getFileName();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        waiting.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(ready);
        ready.whenComplete((v, e) -> forget(name, ready));
        startSafetyPoll();
        // Registered first, checked second: a file created in between is seen either way.
        if (Files.exists(absolute)) {
            ready.complete(null);
        }
        return ready;
    }

    /** Stops watching; futures still waiting never complete unless cancelled by their owner. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (safetyPoll != null) {
                safetyPoll.cancel(false);
                safetyPoll = null;
            }
        }
        watch.close();
        watcher.close();
    }

    /** How many futures are waiting (for tests: cancelled ones must not linger). */
    int awaitedCount() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    private void completeAll(Path name) {
        Set<CompletableFuture<Void>> futures = waiting.get(name);
        if (futures != null) {
            for (CompletableFuture<Void> f : List.copyOf(futures)) {
                f.complete(null);
            }
        }
    }

    private void checkAll() {
        for (Path name : List.copyOf(waiting.keySet())) {
            if (Files.exists(dir.resolve(name))) {
                completeAll(name);
            }
        }
    }

    private void forget(Path name, CompletableFuture<Void> future) {
        waiting.computeIfPresent(name, (n, set) -> {
            set.remove(future);
            return set.isEmpty() ? null : set;
        });
        synchronized (this) {
            if (waiting.isEmpty() && safetyPoll != null) {
                safetyPoll.cancel(false);
                safetyPoll = null;
            }
        }
    }

    private synchronized void startSafetyPoll() {
        if (safetyPoll == null) {
            safetyPoll = EngineThreads.scheduler().scheduleWithFixedDelay(this::checkAll,
                    SAFETY_POLL_MS, SAFETY_POLL_MS, TimeUnit.MILLISECONDS);
        }
    }
}
