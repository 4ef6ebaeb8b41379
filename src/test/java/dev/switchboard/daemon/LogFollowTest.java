package dev.switchboard.daemon;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.model.LaunchMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogFollowTest {
    private static Event.LogLine line(String process, LogStream stream, long seq) {
        return new Event.LogLine("demo", process, stream, seq, Instant.EPOCH, stream.id() + " " + seq);
    }

    @Test
    void linesThatArriveWhileTheTailIsFetchedAreNeitherLostNorRepeated() {
        List<String> sent = new ArrayList<>();
        LogFollow follow = new LogFollow("demo", "hub", null, l -> sent.add(l.text()));
        // live lines 9..12 arrive before the tail (which already holds 9 and 10) is ready
        for (long seq = 9; seq <= 12; seq++) {
            follow.accept(line("hub", LogStream.STDOUT, seq));
        }
        follow.accept(line("hub", LogStream.STDERR, 3));
        follow.tail(List.of(line("hub", LogStream.STDOUT, 8), line("hub", LogStream.STDERR, 2),
                line("hub", LogStream.STDOUT, 9), line("hub", LogStream.STDOUT, 10)));
        follow.accept(line("hub", LogStream.STDOUT, 13));
        assertEquals(List.of("stdout 8", "stderr 2", "stdout 9", "stdout 10", "stdout 11", "stdout 12", "stderr 3",
                "stdout 13"), sent);
    }

    @Test
    void onlyTheFollowedProcessAndStreamPass() {
        List<String> sent = new ArrayList<>();
        LogFollow follow = new LogFollow("demo", "hub", LogStream.STDERR, l -> sent.add(l.text()));
        follow.tail(List.of());
        follow.accept(line("hub", LogStream.STDOUT, 1));
        follow.accept(line("worker", LogStream.STDERR, 1));
        follow.accept(new Event.ProcessStateChanged("demo", ProcessStatus.initial("hub", LaunchMode.OWN)
                .withState(ProcessState.READY, null)));
        follow.accept(line("hub", LogStream.STDERR, 1));
        assertEquals(List.of("stderr 1"), sent);
    }
}
