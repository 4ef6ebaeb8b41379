package dev.switchboard.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTailTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private Spawned spawned;
    private final List<LogTail> tails = new ArrayList<>();
    private final Collector seen = new Collector();

    @BeforeEach
    void setUp() {
        spawned = new Spawned(dir);
    }

    @AfterEach
    void tearDown() {
        spawned.close();
        tails.forEach(LogTail::close);
    }

    /** Records every reported line; checks sequence numbers as they arrive. */
    static final class Collector implements LogTail.Listener {
        final List<String> out = new ArrayList<>();
        final List<String> err = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public synchronized void onLine(LogStream stream, long seq, Instant at, String text) {
            List<String> lines = stream == LogStream.STDOUT ? out : err;
            if (seq != lines.size() + 1) {
                problems.add(stream + " seq " + seq + " after " + lines.size() + " lines");
            }
            lines.add(text);
        }

        synchronized int count(LogStream stream) {
            return (stream == LogStream.STDOUT ? out : err).size();
        }

        synchronized List<String> lines(LogStream stream) {
            return List.copyOf(stream == LogStream.STDOUT ? out : err);
        }

        synchronized String last(LogStream stream) {
            List<String> lines = stream == LogStream.STDOUT ? out : err;
            return lines.isEmpty() ? null : lines.getLast();
        }
    }

    private LogFiles.Pair pair() throws Exception {
        return new LogFiles(dir.resolve("logs"), Clock.systemUTC()).allocate("stack", "proc");
    }

    private LaunchedProcess launch(LogFiles.Pair pair, String... argv) throws LaunchException {
        return spawned.track(spawned.launcher.launch(
                new LaunchSpec("t", List.of(argv), dir, Map.of(), pair.stdout(), pair.stderr())));
    }

    private LogTail tail(LogFiles.Pair pair, LogTail.Start start, long cap) throws Exception {
        LogTail tail = LogTail.follow(pair.stdout(), pair.stderr(), seen, start, cap);
        tails.add(tail);
        return tail;
    }

    @Test
    void reportsLinesOfBothStreamsInOrderWithSequenceNumbers() throws Exception {
        LogFiles.Pair pair = pair();
        LogTail tail = tail(pair, LogTail.Start.BEGINNING, LogTail.DEFAULT_SIZE_CAP);

        launch(pair, "sh", "-c", "for i in $(seq 1 300); do echo out $i; echo err $i >&2; done");

        Await.until(LONG, "300 lines on each stream",
                () -> seen.count(LogStream.STDOUT) == 300 && seen.count(LogStream.STDERR) == 300);
        assertEquals(IntStream.rangeClosed(1, 300).mapToObj(i -> "out " + i).toList(), seen.lines(LogStream.STDOUT));
        assertEquals(IntStream.rangeClosed(1, 300).mapToObj(i -> "err " + i).toList(), seen.lines(LogStream.STDERR));
        assertEquals(List.of(), seen.problems);
        List<LogTail.Line> lastTwo = tail.lines(LogStream.STDERR, 2);
        assertEquals(List.of(299L, 300L), lastTwo.stream().map(LogTail.Line::seq).toList());
        assertEquals("err 300", lastTwo.get(1).text());
    }

    @Test
    void invalidUtf8IsReportedWithReplacementCharacters() throws Exception {
        LogFiles.Pair pair = pair();
        tail(pair, LogTail.Start.BEGINNING, LogTail.DEFAULT_SIZE_CAP);

        launch(pair, "sh", "-c", "printf '\\377\\376ok\\n'");

        Await.until(LONG, "one line", () -> seen.count(LogStream.STDOUT) == 1);
        assertEquals("\uFFFD\uFFFDok", seen.last(LogStream.STDOUT));
    }

    @Test
    void aMebibyteLineWithoutNewlineIsCutAndReportedOnClose() throws Exception {
        LogFiles.Pair pair = pair();
        LogTail tail = tail(pair, LogTail.Start.BEGINNING, LogTail.DEFAULT_SIZE_CAP);

        LaunchedProcess p = launch(pair, "python3", "-c", "import sys; sys.stdout.write('x' * 1048576)");
        Await.done(p.exit(), LONG, "writer exit");
        Await.until(LONG, "the whole file to be written", () -> size(pair.stdout()) == 1048576);
        tail.close();

        assertEquals(List.of("x".repeat(LogTail.MAX_LINE_BYTES) + " … [line cut: 1048576 bytes]"),
                seen.lines(LogStream.STDOUT));
    }

    @Test
    void childWritingFiftyMegabytesToStderrNeverBlocks() throws Exception {
        LogFiles.Pair pair = pair();
        LogTail tail = tail(pair, LogTail.Start.BEGINNING, LogTail.DEFAULT_SIZE_CAP);

        LaunchedProcess p = launch(pair, "python3", "-c",
                "import sys\nfor i in range(1, 500001): sys.stderr.write('%099d\\n' % i)");

        assertEquals(ExitStatus.exited(0), Await.done(p.exit(), LONG, "writer exit"));
        String lastLine = String.format("%099d", 500_000);
        Await.until(LONG, () -> "the last line; seen " + seen.count(LogStream.STDERR) + " lines, the last "
                + seen.last(LogStream.STDERR), () -> lastLine.equals(seen.last(LogStream.STDERR)));
        assertEquals(List.of(), seen.problems);
        assertEquals(LogTail.BUFFERED_LINES, tail.lines(LogStream.STDERR, 5000).size());
        // Every line is there, unless the reader fell 16 MiB behind (a cold JVM on a busy machine):
        // then it skipped ahead and said so where the lines are missing.
        long expected = 1;
        for (String line : seen.lines(LogStream.STDERR)) {
            if (line.startsWith("[switchboard] ") && line.contains(" of output skipped here")) {
                expected = -1;
                continue;
            }
            long n = Long.parseLong(line);
            assertTrue(n == expected || (expected == -1 && n > 1), "line " + n + " where " + expected + " was due");
            expected = n + 1;
        }
    }

    @Test
    void aTailNumbersItsLinesOnFromThePreviousLaunchOfItsProcess() throws Exception {
        LogFiles.Pair first = pair();
        LogTail before = tail(first, LogTail.Start.BEGINNING, LogTail.DEFAULT_SIZE_CAP);
        Await.done(launch(first, "sh", "-c", "echo a; echo b; echo c >&2").exit(), LONG, "first launch");
        Await.until(LONG, "three lines", () -> seen.count(LogStream.STDOUT) == 2 && seen.count(LogStream.STDERR) == 1);
        before.close();

        LogFiles.Pair second = pair();
        List<String> numbered = new CopyOnWriteArrayList<>();
        LogTail after = LogTail.follow(second.stdout(), second.stderr(),
                (stream, seq, at, text) -> numbered.add(stream + " " + seq + " " + text),
                LogTail.Start.BEGINNING, LogTail.DEFAULT_SIZE_CAP, before);
        tails.add(after);
        launch(second, "sh", "-c", "echo d; echo e >&2");

        Await.until(LONG, "two lines", () -> numbered.size() == 2);
        assertEquals(Set.of("STDOUT 3 d", "STDERR 2 e"), Set.copyOf(numbered));
        assertEquals(3, after.lastSeq(LogStream.STDOUT));
        assertEquals(List.of(3L), after.lines(LogStream.STDOUT, 5).stream().map(LogTail.Line::seq).toList());
    }

    @Test
    void fileOverItsCapIsTruncatedAndTheChildGoesOnAtTheNewEnd() throws Exception {
        LogFiles.Pair pair = pair();
        tail(pair, LogTail.Start.BEGINNING, 4096);

        // One write() of 100 lines, then one more line once the test says "go".
        launch(pair, "python3", "-c", """
                import os, time
                os.write(1, b''.join(b'line %03d %s\\n' % (i, b'.' * 90) for i in range(1, 101)))
                while not os.path.exists('go'): time.sleep(0.01)
                os.write(1, b'after\\n')
                """);
        Await.until(LONG, "100 lines", () -> seen.count(LogStream.STDOUT) == 100);
        Await.until(LONG, "the file to be truncated", () -> size(pair.stdout()) == 0);
        Files.createFile(dir.resolve("go"));

        Await.until(LONG, "the line written after truncation", () -> seen.count(LogStream.STDOUT) == 101);
        assertEquals("after", seen.last(LogStream.STDOUT));
        assertEquals("after\n".length(), size(pair.stdout()), "appended at the new end, no hole");
        assertTrue(seen.lines(LogStream.STDOUT).get(99).startsWith("line 100 "));
    }

    @Test
    void repeatedTruncationLosesNoLinesBetweenBursts() throws Exception {
        LogFiles.Pair pair = pair();
        tail(pair, LogTail.Start.BEGINNING, 1000);

        for (int burst = 0; burst < 5; burst++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                text.append("burst ").append(burst).append(" line ").append(i).append(" ").append("-".repeat(40)).append('\n');
            }
            Files.writeString(pair.stdout(), text, StandardOpenOption.APPEND);
            int expected = (burst + 1) * 30;
            Await.until(LONG, expected + " lines", () -> seen.count(LogStream.STDOUT) == expected);
            Await.until(LONG, "truncation after burst " + burst, () -> size(pair.stdout()) == 0);
        }

        assertEquals("burst 4 line 29 " + "-".repeat(40), seen.last(LogStream.STDOUT));
        assertEquals(List.of(), seen.problems);
    }

    @Test
    void tailStartingAtTheEndRefillsMemoryButReportsOnlyNewLines() throws Exception {
        LogFiles.Pair pair = pair();
        StringBuilder old = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            old.append("old line ").append(i).append('\n');
        }
        old.append("partial ");
        Files.writeString(pair.stdout(), old);

        LogTail tail = tail(pair, LogTail.Start.END, LogTail.DEFAULT_SIZE_CAP);
        List<LogTail.Line> refilled = tail.lines(LogStream.STDOUT, LogTail.BUFFERED_LINES);
        assertEquals(LogTail.BUFFERED_LINES, refilled.size());
        assertEquals("old line 5000", refilled.getLast().text());
        assertTrue(refilled.getFirst().text().matches("old line \\d+"), refilled.getFirst().text());

        Files.writeString(pair.stdout(), "done\nnew\n", StandardOpenOption.APPEND);

        Await.until(LONG, "the new lines", () -> seen.count(LogStream.STDOUT) == 2);
        assertEquals(List.of("partial done", "new"), seen.lines(LogStream.STDOUT).subList(0, 2));
        assertEquals(refilled.getLast().seq() + 2, tail.lines(LogStream.STDOUT, 1).getFirst().seq());
    }

    @Test
    void subscriberWithReplayGetsBufferedThenLiveLinesWithoutGaps() throws Exception {
        LogFiles.Pair pair = pair();
        LogTail tail = tail(pair, LogTail.Start.BEGINNING, LogTail.DEFAULT_SIZE_CAP);
        Files.writeString(pair.stdout(), "one\ntwo\n", StandardOpenOption.APPEND);
        Await.until(LONG, "two lines", () -> seen.count(LogStream.STDOUT) == 2);

        Collector late = new Collector();
        AutoCloseable subscription = tail.subscribe(late, true);
        try {
            Files.writeString(pair.stdout(), "three\n", StandardOpenOption.APPEND);
            Await.until(LONG, "the live line", () -> late.count(LogStream.STDOUT) == 3);
        } finally {
            subscription.close();
        }

        assertEquals(List.of("one", "two", "three"), late.lines(LogStream.STDOUT));
        assertEquals(List.of(), late.problems);
    }

    @Test
    void newLinesAreReportedWithinMilliseconds() throws Exception {
        LogFiles.Pair pair = pair();
        tail(pair, LogTail.Start.BEGINNING, LogTail.DEFAULT_SIZE_CAP);

        long start = System.nanoTime();
        Files.writeString(pair.stderr(), "hello\n", StandardOpenOption.APPEND);
        Await.until(LONG, "the line", () -> seen.count(LogStream.STDERR) == 1);

        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 500, "inotify, not the 1 s safety poll: " + elapsedMs + " ms");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void outputFarAheadOfTheReaderIsSkippedWithAMarkerAndTheNewestLinesKept() throws Exception {
        LogFiles.Pair pair = pair();
        // 40 MiB already written before the tail looks: more than it chases line by line.
        try (var out = java.nio.file.Files.newBufferedWriter(pair.stdout())) {
            String line = "x".repeat(99) + "\n";
            for (int i = 0; i < 40 * 1024 * 1024 / 100; i++) {
                out.write(line);
            }
            out.write("the newest line\n");
        }
        LogTail tail = LogTail.follow(pair.stdout(), pair.stderr(), seen);
        tails.add(tail);

        Await.until(LONG, "the newest line", () -> "the newest line".equals(seen.last(LogStream.STDOUT)));
        List<String> lines = seen.lines(LogStream.STDOUT);
        assertTrue(lines.getFirst().matches("\\[switchboard] \\d+ MiB of output skipped here.*"), lines.getFirst());
        assertTrue(lines.size() < 5_000, "read about the last 256 KiB, not 40 MiB: " + lines.size() + " lines");
        assertTrue(lines.subList(1, lines.size() - 1).stream().allMatch(l -> l.equals("x".repeat(99))),
                "resumed at a line boundary");
    }
}
