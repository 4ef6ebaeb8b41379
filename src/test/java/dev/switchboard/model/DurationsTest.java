package dev.switchboard.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"500ms, 500", "20s, 20000", "2m, 120000", "1h, 3600000", "1m30s, 90000", "1h2m3s4ms, 3723004",
            "0s, 0"})
    void parsesUnitsAndCombinations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @Test
    void bareNumberSaysWhatToWriteInstead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("20"));

        assertEquals("write 20s, not 20 (a duration needs a unit)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "20 s", "1.5s", "30s1m", "2 minutes", "-1s", "10d"})
    void rejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"250ms", "20s", "1m30s", "2h", "1h0m1s"})
    void formatsBackToTheSameDuration(String text) {
        Duration d = Durations.parse(text);

        assertEquals(d, Durations.parse(Durations.format(d)));
    }
}
