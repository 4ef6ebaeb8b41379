package dev.switchboard.engine;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines on '\n' (dropping a trailing '\r'), decoding UTF-8 with
 * replacement so invalid bytes never throw. A line longer than the limit keeps only its first
 * bytes, cut at a character boundary, plus a note of its full size; the rest is never held.
 */
final class LineSplitter {

    private final int maxLineBytes;
    private final byte[] line;
    private int kept;
    private long total;

    LineSplitter(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[maxLineBytes];
    }

    /** Feeds bytes; every completed line goes to {@code sink}. */
    void feed(byte[] bytes, int offset, int length, Consumer<String> sink) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                sink.accept(take());
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    /** Emits the pending partial line, if any. */
    void flush(Consumer<String> sink) {
        if (total > 0) {
            sink.accept(take());
        }
    }

    /** Forgets the pending partial line. */
    void reset() {
        kept = 0;
        total = 0;
    }

    private void append(byte[] bytes, int from, int length) {
        int room = Math.min(length, maxLineBytes - kept);
        System.arraycopy(bytes, from, line, kept, room);
        kept += room;
        total += length;
    }

    private String take() {
        String text;
        if (total > maxLineBytes) {
            text = new String(line, 0, charBoundary(line, kept), StandardCharsets.UTF_8)
                    + " … [line cut: " + total + " bytes]";
        } else {
            int length = kept > 0 && line[kept - 1] == '\r' ? kept - 1 : kept;
            text = new String(line, 0, length, StandardCharsets.UTF_8);
        }
        reset();
        return text;
    }

    /** The largest length ≤ {@code length} that does not end inside a multi-byte UTF-8 sequence. */
    static int charBoundary(byte[] bytes, int length) {
        int lead = length - 1;
        while (lead >= 0 && length - lead < 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (lead < 0) {
            return length;
        }
        int b = bytes[lead] & 0xFF;
        int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return lead + needed > length ? lead : length;
    }
}
