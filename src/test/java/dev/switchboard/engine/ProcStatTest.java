package dev.switchboard.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatTest {

    @TempDir
    Path dir;
    private Spawned spawned;

    @BeforeEach
    void setUp() {
        spawned = new Spawned(dir);
    }

    @AfterEach
    void tearDown() {
        spawned.close();
    }

    @Test
    void commandNamesWithSpacesAndParenthesesDoNotShiftTheFields() {
        String line = "4242 (evil) S 1 2 3 (x) Z 7 4240 4241 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 987654 "
                + "1000 100 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        ProcStat stat = ProcStat.parse(4242, line).orElseThrow();

        assertEquals('Z', stat.state());
        assertEquals(7, stat.ppid());
        assertEquals(4240, stat.pgrp());
        assertEquals(4241, stat.session());
        assertEquals(987654, stat.startTicks());
        assertFalse(stat.isLive());
    }

    @Test
    void malformedLinesAreRejected() {
        assertTrue(ProcStat.parse(1, "garbage").isEmpty());
        assertTrue(ProcStat.parse(1, "1 (x) S 1 2").isEmpty());
    }

    @Test
    void readsTheRunningJvm() {
        long self = ProcessHandle.current().pid();

        ProcStat stat = ProcStat.read(self).orElseThrow();

        assertTrue(stat.isLive());
        Instant started = ProcStat.startInstant(stat.startTicks());
        Instant reported = ProcessHandle.current().info().startInstant().orElseThrow();
        assertTrue(Duration.between(started, reported).abs().toMillis() < 2000, started + " vs " + reported);
    }

    @Test
    void groupMembersCountLiveProcessesButNotZombies() throws Exception {
        // sh execs into sleep, which never reaps its finished child: a zombie stays in the group.
        LaunchedProcess p = spawned.sh("sleep 0.01 & echo $! > zombie; exec sleep 1000");
        long zombie = spawned.pidFrom("zombie");
        Await.until(Duration.ofSeconds(5), "the child to become a zombie",
                () -> ProcStat.read(zombie).map(s -> s.state() == 'Z').orElse(false));

        List<Long> members = ProcStat.groupMembers(p.pgid()).stream().map(ProcStat::pid).toList();

        assertEquals(List.of(p.pid()), members);
        assertTrue(ProcStat.isGroupAlive(p.pgid()));
        p.kill();
        Await.done(p.groupGone(), Duration.ofSeconds(10), "group to go");
        assertFalse(ProcStat.isGroupAlive(p.pgid()));
    }
}
