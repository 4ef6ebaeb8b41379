package dev.switchboard.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PosixTest {

    @Test
    void signallingAGroupThatDoesNotExistCountsAsGone() {
        long unused = unusedPid();

        assertEquals(Posix.SignalResult.GONE, Posix.signalGroup(unused, Posix.SIGTERM));
        assertTrue(Posix.SignalResult.GONE.isSuccess());
    }

    @Test
    void refusesTargetsThatWouldHitTheSupervisorOrEverything() {
        long ownGroup = ProcStat.read(ProcessHandle.current().pid()).orElseThrow().pgrp();

        assertThrows(IllegalArgumentException.class, () -> Posix.signalGroup(0, Posix.SIGKILL));
        assertThrows(IllegalArgumentException.class, () -> Posix.signalGroup(-1, Posix.SIGKILL));
        assertThrows(IllegalArgumentException.class, () -> Posix.signalGroup(1, Posix.SIGKILL));
        assertThrows(IllegalArgumentException.class, () -> Posix.signalGroup(ownGroup, Posix.SIGKILL));
    }

    @Test
    void pidfdBecomesReadableWhenTheProcessExits() throws Exception {
        Process child = new ProcessBuilder("sleep", "0.2").start();
        try {
            OptionalInt fd = Posix.pidfdOpen(child.pid());
            assertTrue(fd.isPresent(), "pidfd_open works on this kernel");
            long start = System.nanoTime();

            assertTrue(Posix.awaitReadable(fd.getAsInt()));

            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 100);
            Posix.close(fd.getAsInt());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void pidfdOfAMissingProcessIsEmpty() {
        assertTrue(Posix.pidfdOpen(unusedPid()).isEmpty());
    }

    @Test
    void clockTicksAreReported() {
        assertTrue(Posix.clockTicksPerSecond() > 0);
    }

    private static long unusedPid() {
        for (long pid = 4_000_000; pid > 30_000; pid--) {
            if (ProcStat.read(pid).isEmpty() && !ProcStat.isGroupAlive(pid)) {
                return pid;
            }
        }
        throw new IllegalStateException("no unused pid");
    }
}
