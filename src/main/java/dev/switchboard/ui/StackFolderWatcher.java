package dev.switchboard.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the folders that hold stack files, on its own daemon thread, and reports changed files in
 * batches once things have been quiet for a moment (an editor's save is several events). The
 * callback runs on the watcher thread: hand the result to the FX thread.
 */
public final class StackFolderWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StackFolderWatcher.class);
    private static final long QUIET_MS = 150;

    private final WatchService service;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Consumer<Set<Path>> onChange;
    private final Thread thread;

    /** Starts watching nothing yet; add folders with {@link #watch(Path)}. */
    public StackFolderWatcher(Consumer<Set<Path>> onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().daemon().name("stack-file-watcher").unstarted(this::run);
        thread.start();
    }

    /** Watches a folder (not recursively); ignored if it does not exist or is already watched. */
    public synchronized void watch(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir) || keys.containsValue(dir)) {
            return;
        }
        try {
            WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            keys.put(key, dir);
        } catch (IOException e) {
            LOG.warn("cannot watch {}: {}", dir, e.toString());
        }
    }

    private void run() {
        Set<Path> pending = new LinkedHashSet<>();
        try {
            while (true) {
                // blocks while nothing is pending (an idle window does not wake up); waits out the
                // quiet moment once something changed
                WatchKey key = pending.isEmpty() ? service.take() : service.poll(QUIET_MS, TimeUnit.MILLISECONDS);
                if (key == null) {
                    if (!pending.isEmpty()) {
                        onChange.accept(Set.copyOf(pending));
                        pending.clear();
                    }
                    continue;
                }
                Path dir;
                synchronized (this) {
                    dir = keys.get(key);
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (dir != null && event.context() instanceof Path name && isStackFile(name)) {
                        pending.add(dir.resolve(name));
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the window is gone
        }
    }

    /** True for names ending in .yaml or .yml. */
    public static boolean isStackFile(Path name) {
        String n = name.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing watch service", e);
        }
        thread.interrupt();
    }
}
