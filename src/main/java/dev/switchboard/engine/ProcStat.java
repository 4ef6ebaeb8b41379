package dev.switchboard.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of {@code /proc/PID/stat} the supervisor needs. Zombies ({@code Z}) and dead
 * entries ({@code X}) count as not alive: init may reap orphaned zombies seconds late.
 *
 * @param pid        the process id
 * @param state      the state letter (R, S, D, Z, T, …)
 * @param ppid       the parent's pid
 * @param pgrp       the process group id
 * @param session    the session id
 * @param startTicks start time in clock ticks since boot (field 22)
 */
public record ProcStat(long pid, char state, long ppid, long pgrp, long session, long startTicks) {

    private static final Path PROC = Path.of("/proc");

    /** Reads the stat of one process; empty if it does not exist (or vanished while reading). */
    public static Optional<ProcStat> read(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return parse(pid, new String(raw, StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses a stat line. The command name (field 2) may itself contain spaces and parentheses,
     * so the numeric fields are read after the LAST ')'. Empty if the line is malformed.
     */
    public static Optional<ProcStat> parse(long pid, String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 1).trim().split(" +");
        // f[0] is field 3 (state), so field N is f[N - 3]; starttime is field 22.
        if (f.length < 20 || f[0].length() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True unless the process is a zombie or dead. */
    public boolean isLive() {
        return state != 'Z' && state != 'X';
    }

    /** The live (non-zombie) processes whose process group is {@code pgid}. */
    public static List<ProcStat> groupMembers(long pgid) {
        List<ProcStat> members = new ArrayList<>();
        scan(pgid, members, false);
        return members;
    }

    /** True while at least one live (non-zombie) process belongs to group {@code pgid}. */
    public static boolean isGroupAlive(long pgid) {
        return scan(pgid, null, true);
    }

    /** The wall-clock time a process started, from its start ticks and the boot time. */
    public static Instant startInstant(long startTicks) {
        long hz = Posix.clockTicksPerSecond();
        long millis = startTicks * 1000 / hz;
        return bootTime().plusMillis(millis);
    }

    private static boolean scan(long pgid, List<ProcStat> into, boolean stopAtFirst) {
        boolean found = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                long pid = pidOf(entry.getFileName().toString());
                if (pid <= 0) {
                    continue;
                }
                Optional<ProcStat> stat = read(pid);
                if (stat.isPresent() && stat.get().pgrp() == pgid && stat.get().isLive()) {
                    found = true;
                    if (stopAtFirst) {
                        return true;
                    }
                    into.add(stat.get());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    private static long pidOf(String name) {
        if (name.isEmpty() || name.length() > 10) {
            return -1;
        }
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    private static Instant bootTime() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("stat"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("btime ")) {
                    return Instant.ofEpochSecond(Long.parseLong(line.substring(6).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        throw new IllegalStateException("cannot read the boot time from /proc/stat");
    }
}
