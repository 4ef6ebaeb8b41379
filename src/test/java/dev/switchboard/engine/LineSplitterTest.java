package dev.switchboard.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();

    private void feed(LineSplitter splitter, byte[] bytes) {
        splitter.feed(bytes, 0, bytes.length, lines::add);
    }

    @Test
    void splitsOnNewlinesAndDropsCarriageReturns() {
        LineSplitter splitter = new LineSplitter(100);

        feed(splitter, "one\ntwo\r\n\nthr".getBytes(StandardCharsets.UTF_8));
        feed(splitter, "ee\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("one", "two", "", "three"), lines);
    }

    @Test
    void partialLineIsOnlyReportedOnFlush() {
        LineSplitter splitter = new LineSplitter(100);

        feed(splitter, "no newline".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), lines);
        splitter.flush(lines::add);
        splitter.flush(lines::add);

        assertEquals(List.of("no newline"), lines);
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        LineSplitter splitter = new LineSplitter(100);

        feed(splitter, new byte[]{(byte) 0xff, (byte) 0xfe, 'o', 'k', (byte) 0xc3, '\n'});

        assertEquals(List.of("\uFFFD\uFFFDok\uFFFD"), lines);
    }

    @Test
    void multiByteCharacterSplitAcrossFeedsIsDecodedWhole() {
        LineSplitter splitter = new LineSplitter(100);
        byte[] e = "é\n".getBytes(StandardCharsets.UTF_8);

        splitter.feed(e, 0, 1, lines::add);
        splitter.feed(e, 1, 2, lines::add);

        assertEquals(List.of("é"), lines);
    }

    @Test
    void longLineIsCutAtACharacterBoundaryAndNamesItsSize() {
        LineSplitter splitter = new LineSplitter(16);
        // "a" + 10 × "é" is 21 bytes: the 16th byte is the first half of an "é".
        byte[] line = ("a" + "é".repeat(10) + "\n").getBytes(StandardCharsets.UTF_8);

        for (byte b : line) {
            splitter.feed(new byte[]{b}, 0, 1, lines::add);
        }

        assertEquals(List.of("a" + "é".repeat(7) + " … [line cut: 21 bytes]"), lines);
    }

    @Test
    void linesAfterACutLineAreWhole() {
        LineSplitter splitter = new LineSplitter(4);

        feed(splitter, "abcdefgh\nxy\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("abcd … [line cut: 8 bytes]", "xy"), lines);
    }
}
