package dev.switchboard.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Allocates the log files of each launch: {@code <logs>/<stack>/<process>/<timestamp>-<n>.stdout.log}
 * and {@code .stderr.log}, created empty, and deletes the pairs of all but the last few runs.
 */
public final class LogFiles {

    /** How many runs of one process keep their logs. */
    public static final int KEEP_RUNS = 5;

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME =
            Pattern.compile("(\\d{8}T\\d{6}\\.\\d{3}Z)-(\\d+)\\.(stdout|stderr)\\.log");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LogFiles.class);

    private final Path logsDir;
    private volatile boolean logsDirReady;
    /** The newest run allocated in each folder by this process. */
    private final java.util.Map<Path, String> lastRun = new java.util.concurrent.ConcurrentHashMap<>();
    private final Clock clock;

    /** Log files under {@code home.logsDir()}. */
    public LogFiles(SwitchboardHome home) {
        this(home.logsDir(), Clock.systemUTC());
    }

    /** Log files under {@code logsDir}, named after {@code clock}. */
    public LogFiles(Path logsDir, Clock clock) {
        this.logsDir = logsDir.toAbsolutePath();
        this.clock = clock;
    }

    /** The two log files of one launch. */
    public record Pair(Path stdout, Path stderr) {
        /** The file of one stream. */
        public Path of(LogStream stream) {
            return stream == LogStream.STDOUT ? stdout : stderr;
        }
    }

    /** The folder holding the logs of one process. */
    public Path folder(String stack, String process) {
        return logsDir.resolve(safeName(stack)).resolve(safeName(process));
    }

    /** Creates a fresh, empty pair for a new launch and deletes pairs older than the last {@link #KEEP_RUNS}. */
    public Pair allocate(String stack, String process) throws IOException {
        if (!logsDirReady) {
            SwitchboardHome.ensurePrivateDir(logsDir);
            logsDirReady = true;
        }
        Path folder = Files.createDirectories(folder(stack, process));
        String stamp = STAMP.format(clock.instant());
        // Continue after the highest counter of this timestamp, so a pruned name is never reused;
        // the folder is listed only the first time, later launches use the counter kept here.
        String previous = lastRun.get(folder);
        int highest;
        if (previous == null) {
            highest = highestCounter(folder, stamp);
        } else {
            highest = previous.startsWith(stamp + "-") ? Integer.parseInt(previous.substring(stamp.length() + 1)) : 0;
        }
        for (int n = highest + 1; ; n++) {
            Path stdout = folder.resolve(stamp + "-" + n + ".stdout.log");
            Path stderr = folder.resolve(stamp + "-" + n + ".stderr.log");
            try {
                Files.createFile(stdout);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            lastRun.put(folder, stamp + "-" + n);
            Files.deleteIfExists(stderr);
            Files.createFile(stderr);
            // Old runs are deleted off the caller's thread: a launch never waits for it.
            EngineThreads.blocking().execute(() -> {
                try {
                    prune(folder);
                } catch (IOException e) {
                    LOG.warn("cannot prune old logs in {}: {}", folder, e.getMessage());
                }
            });
            return new Pair(stdout, stderr);
        }
    }

    private static int highestCounter(Path folder, String stamp) throws IOException {
        return runs(folder).stream()
                .filter(run -> run.startsWith(stamp + "-"))
                .mapToInt(run -> Integer.parseInt(run.substring(stamp.length() + 1)))
                .max().orElse(0);
    }

    /** The pair of the most recent launch of a process, if any. */
    public Optional<Pair> latest(String stack, String process) throws IOException {
        List<String> runs = runs(folder(stack, process));
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        String last = runs.getLast();
        Path folder = folder(stack, process);
        return Optional.of(new Pair(folder.resolve(last + ".stdout.log"), folder.resolve(last + ".stderr.log")));
    }

    private synchronized void prune(Path folder) throws IOException {
        List<String> runs = runs(folder);
        for (String run : runs.subList(0, Math.max(0, runs.size() - KEEP_RUNS))) {
            Files.deleteIfExists(folder.resolve(run + ".stdout.log"));
            Files.deleteIfExists(folder.resolve(run + ".stderr.log"));
        }
    }

    /** Run prefixes ({@code <timestamp>-<n>}) found in a folder, oldest first. */
    private static List<String> runs(Path folder) throws IOException {
        Map<String, Integer> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.log")) {
            for (Path file : files) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    found.put(m.group(1) + "-" + m.group(2), Integer.parseInt(m.group(2)));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<String> runs = new ArrayList<>(found.keySet());
        // Same timestamp: order by the counter numerically, so run 10 comes after run 9.
        runs.sort(Comparator.comparing((String r) -> r.substring(0, r.indexOf('-')))
                .thenComparingInt(found::get));
        return runs;
    }

    /** Stack names come from file names: keep them to one safe path segment. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (safe.isEmpty() || safe.equals(".") || safe.equals("..")) {
            return "_" + safe;
        }
        return safe;
    }
}
