package dev.switchboard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What /proc says about processes, for tests that must know whether something is really gone:
 * zombies count as dead (init may reap orphans late), and process groups are found by scanning.
 */
final class LiveProcesses {
    private LiveProcesses() {
    }

    /** True if {@code pid} exists and is not a zombie. */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Live (non-zombie) members of process group {@code pgid}. */
    static List<Long> group(long pgid) {
        List<Long> members = new ArrayList<>();
        for (long pid : allPids()) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (!after[0].equals("Z") && Long.parseLong(after[2]) == pgid) {
                    members.add(pid);
                }
            } catch (IOException | RuntimeException e) {
                // it went away while we looked
            }
        }
        return members;
    }

    /** Live processes whose environment holds {@code NAME=value} (children inherit it, so grandchildren too). */
    static List<Long> withEnvironment(String entry) {
        byte[] needle = (entry + "\0").getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        for (long pid : allPids()) {
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
                if (contains(environ, needle) && alive(pid)) {
                    found.add(pid);
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not ours
            }
        }
        return found;
    }

    /** SIGKILL to each process. */
    static void kill(List<Long> pids) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private static List<Long> allPids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            // entries start at offset 0 or right after a NUL
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
