package dev.switchboard.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of launched processes that may still be alive: one JSON file per stack, rewritten
 * atomically (write to a temporary file, then rename) before and after every spawn and stop.
 */
public final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;

    /** A journal kept in {@code dir}. */
    public Journal(Path dir) {
        this.dir = dir;
    }

    /** Records (or replaces) the entry for its stack and process. */
    public synchronized void put(JournalEntry entry) {
        List<JournalEntry> entries = new ArrayList<>(read(entry.stack()));
        entries.removeIf(e -> e.process().equals(entry.process()));
        entries.add(entry);
        write(entry.stack(), entries);
    }

    /** Forgets the entry for this launch (matched by pid, so a newer launch's entry stays). */
    public synchronized void remove(String stack, String process, long pid) {
        List<JournalEntry> entries = new ArrayList<>(read(stack));
        if (entries.removeIf(e -> e.process().equals(process) && e.pid() == pid)) {
            write(stack, entries);
        }
    }

    /** The recorded entry of one process, if any. */
    public synchronized Optional<JournalEntry> find(String stack, String process) {
        return read(stack).stream().filter(e -> e.process().equals(process)).findFirst();
    }

    /** Every entry of one stack. */
    public synchronized List<JournalEntry> read(String stack) {
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

    /** Every entry of every stack. */
    public synchronized List<JournalEntry> readAll() {
        List<JournalEntry> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                all.addAll(read(name.substring(0, name.length() - ".json".length())));
            }
        } catch (IOException e) {
            LOG.warn("cannot list journal {}: {}", dir, e.getMessage());
        }
        return all;
    }

    private Path fileOf(String stack) {
        return dir.resolve(stack + ".json");
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
