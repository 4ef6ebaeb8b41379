package dev.switchboard.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of launched processes that may still be alive: one JSON file per stack, replaced
 * atomically (written to a temporary file, then renamed). Changes update an in-memory copy at
 * once and are written by a background thread moments later, several changes to one stack in
 * one write, so a spawn never waits for the disk. Reads of a stack not changed by this process
 * go to the file, so entries written by another process (a foreground run) are seen.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;
    /** Stacks this journal has changed, with their current entries. Guarded by this. */
    private final Map<String, List<JournalEntry>> cache = new HashMap<>();
    /** Held while writing files (taken before this, never after it). */
    private final Object writeLock = new Object();
    /** Stacks changed but not yet written. Guarded by this. */
    private final Set<String> dirty = new LinkedHashSet<>();
    /** Changes within this window are written together: a burst of launches costs one write. */
    private static final long WRITE_DELAY_MS = 20;

    private final java.util.concurrent.ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("switchboard-journal").factory());

    /** A journal kept in {@code dir}. */
    public Journal(Path dir) {
        this.dir = dir;
    }

    /** Records (or replaces) the entry for its stack and process. */
    public synchronized void put(JournalEntry entry) {
        List<JournalEntry> entries = new ArrayList<>(current(entry.stack()));
        entries.removeIf(e -> e.process().equals(entry.process()));
        entries.add(entry);
        change(entry.stack(), entries);
    }

    /** Forgets the entry for this launch (matched by pid, so a newer launch's entry stays). */
    public synchronized void remove(String stack, String process, long pid) {
        List<JournalEntry> entries = new ArrayList<>(current(stack));
        if (entries.removeIf(e -> e.process().equals(process) && e.pid() == pid)) {
            change(stack, entries);
        }
    }

    /** The recorded entry of one process, if any. */
    public synchronized Optional<JournalEntry> find(String stack, String process) {
        return current(stack).stream().filter(e -> e.process().equals(process)).findFirst();
    }

    /** Every entry of one stack. */
    public synchronized List<JournalEntry> read(String stack) {
        return List.copyOf(current(stack));
    }

    /** Every entry of every stack. */
    public synchronized List<JournalEntry> readAll() {
        Set<String> stacks = new LinkedHashSet<>(cache.keySet());
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    stacks.add(name.substring(0, name.length() - ".json".length()));
                }
            } catch (IOException e) {
                LOG.warn("cannot list journal {}: {}", dir, e.getMessage());
            }
        }
        List<JournalEntry> all = new ArrayList<>();
        stacks.forEach(s -> all.addAll(current(s)));
        return all;
    }

    /** Writes what is pending and stops the writer thread. */
    @Override
    public void close() {
        writer.shutdownNow(); // pending delayed writes are done by the flush below
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the journal writer did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private List<JournalEntry> current(String stack) {
        List<JournalEntry> cached = cache.get(stack);
        return cached != null ? cached : load(stack);
    }

    private void change(String stack, List<JournalEntry> entries) {
        cache.put(stack, List.copyOf(entries));
        if (dirty.add(stack) && !writer.isShutdown()) {
            writer.schedule(this::flush, WRITE_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Writes every change now, on the calling thread, instead of moments later: for the moment a
     * stack is announced ready, so that another supervisor looking at the journal then sees its processes.
     */
    public void flushNow() {
        flush();
    }

    /**
     * Writes every stack changed since the last write. One writer at a time, taking its snapshot
     * inside the write lock: an older snapshot can never be renamed over a newer one.
     */
    private void flush() {
        synchronized (writeLock) {
            Map<String, List<JournalEntry>> todo = new HashMap<>();
            synchronized (this) {
                dirty.forEach(s -> todo.put(s, cache.get(s)));
                dirty.clear();
            }
            todo.forEach(this::write);
        }
    }

    private Path fileOf(String stack) {
        return dir.resolve(stack + ".json");
    }

    private List<JournalEntry> load(String stack) {
        Path file = fileOf(stack);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Arrays.asList(JSON.readValue(file.toFile(), JournalEntry[].class));
        } catch (IOException e) {
            LOG.warn("ignoring unreadable journal {}: {}", file, e.getMessage());
            return List.of();
        }
    }

    private void write(String stack, List<JournalEntry> entries) {
        Path file = fileOf(stack);
        try {
            SwitchboardHome.ensurePrivateDir(dir);
            if (entries.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path tmp = Files.createTempFile(dir, stack, ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), entries);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Losing the journal only costs re-adoption after a supervisor crash; keep running.
            LOG.error("cannot write journal {}: {}", file, e.getMessage());
        }
    }
}
