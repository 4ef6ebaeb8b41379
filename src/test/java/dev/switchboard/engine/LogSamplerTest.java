package dev.switchboard.engine;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSamplerTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Event> passed = new ArrayList<>();
    private final LogSampler sampler = new LogSampler(1000, passed::add, now::get);
    private long seq;

    private Event.LogLine line(String process) {
        return new Event.LogLine("s", process, LogStream.STDOUT, ++seq, Instant.EPOCH, "x");
    }

    private long passedOf(String process) {
        return passed.stream().filter(e -> e instanceof Event.LogLine l && l.process().equals(process)).count();
    }

    @Test
    void aFloodIsThinnedToTheRatePerProcess() {
        // 20,000 lines/s for one second: a line every 50 µs
        for (int i = 0; i < 20_000; i++) {
            now.addAndGet(50_000);
            sampler.accept(line("flood"));
        }
        long kept = passedOf("flood");
        assertTrue(kept >= 1000 && kept <= 1000 + 100 + 1, "about 1,000 lines in the second plus the burst: " + kept);
    }

    @Test
    void aQuietProcessIsNotSilencedByAChattyOne() {
        for (int i = 0; i < 20_000; i++) {
            now.addAndGet(50_000);
            sampler.accept(line("flood"));
            if (i % 1000 == 0) {
                sampler.accept(line("quiet"));
            }
        }
        assertEquals(20, passedOf("quiet"), "every line of a process under its budget passes");
    }

    @Test
    void stateEventsAlwaysPass() {
        for (int i = 0; i < 5_000; i++) {
            sampler.accept(line("flood"));
        }
        Event state = new Event.StackStateChanged("s", StackState.READY, null, Instant.EPOCH);
        sampler.accept(state);
        assertTrue(passed.contains(state));
        assertEquals(100, passedOf("flood"), "no time passed: only the burst");
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LogSampler(0, e -> { }));
    }
}
