package dev.switchboard.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One inotify instance (a {@link WatchService}) and one daemon thread, blocked until something
 * happens, that tells listeners which file of a watched folder was created or modified.
 * Several listeners may watch the same folder; the folder is unwatched when the last one leaves.
 */
final class DirectoryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    /** Told about changes in a watched folder. Called on the watcher thread: keep it short. */
    interface Listener {
        /** A file of the folder was created, modified or moved in. */
        void changed(Path fileName);

        /** Events were lost: look at every file of interest. */
        void overflowed();
    }

    private final WatchService service;
    private final Map<WatchKey, List<Listener>> listeners = new HashMap<>();

    DirectoryWatcher(String name) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        Thread thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A watch of one listener; closing it stops the notifications. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts telling {@code listener} about {@code dir}; closing the result stops it. */
    synchronized Registration watch(Path dir, Listener listener) throws IOException {
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> unwatch(key, listener);
    }

    private synchronized void unwatch(WatchKey key, Listener listener) {
        List<Listener> list = listeners.get(key);
        if (list != null && list.remove(listener) && list.isEmpty()) {
            listeners.remove(key);
            key.cancel();
        }
    }

    private synchronized List<Listener> listenersOf(WatchKey key) {
        return listeners.getOrDefault(key, List.of());
    }

    @Override
    public void close() throws IOException {
        service.close();
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            List<Listener> targets = listenersOf(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                for (Listener listener : targets) {
                    try {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            listener.overflowed();
                        } else {
                            listener.changed((Path) event.context());
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("file watch listener failed", e);
                    }
                }
            }
            key.reset();
        }
    }
}
