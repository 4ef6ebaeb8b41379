package dev.switchboard.ui.logs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AnsiTest {

    @Test
    void plainTextIsOneUnstyledSegment() {
        assertEquals(List.of(new Ansi.Segment("listening on :9001", List.of())), Ansi.parse("listening on :9001"));
    }

    @Test
    void colourCodesBecomeStyleClassesAndNeverReachTheText() {
        List<Ansi.Segment> parts = Ansi.parse("\u001b[1;31mERROR\u001b[0m disk \u001b[92mok\u001b[m");
        assertEquals(List.of(
                new Ansi.Segment("ERROR", List.of("ansi-fg-red", "ansi-bold")),
                new Ansi.Segment(" disk ", List.of()),
                new Ansi.Segment("ok", List.of("ansi-fg-bright-green"))), parts);
    }

    @Test
    void stripRemovesCursorMovementOscTitlesAndControlCharacters() {
        String raw = "\u001b]0;title\u0007\u001b[2K\r\u001b[38;5;196mred\u001b[38;2;1;2;3m rgb\u001b[0m\tend\u0008";
        String plain = Ansi.strip(raw);
        assertEquals("red rgb\tend", plain);
        assertFalse(plain.chars().anyMatch(c -> c == 0x1b));
    }

    @Test
    void truncatedEscapeAtEndOfLineIsDropped() {
        assertEquals("half", Ansi.strip("half\u001b[31"));
        assertEquals("half", Ansi.strip("half\u001b"));
    }
}
