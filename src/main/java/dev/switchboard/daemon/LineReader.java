package dev.switchboard.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads newline-terminated UTF-8 lines from a stream and refuses any line longer than a cap, so a
 * peer cannot make the reader buffer an unbounded amount of memory.
 */
final class LineReader {

    /** A line exceeded the cap; the stream is left mid-line and should be closed. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int cap) {
            super("message longer than " + cap + " bytes");
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private byte[] line = new byte[1024];
    private int lineLength;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its terminator ({@code \r\n} also accepted), or null at the end of the stream. */
    String readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (start == end) {
                int n = in.read(buffer);
                if (n < 0) {
                    // a final line without a newline is incomplete: a well-behaved peer always ends its lines
                    return null;
                }
                start = 0;
                end = n;
            }
            int newline = indexOfNewline();
            int chunkEnd = newline < 0 ? end : newline;
            append(chunkEnd - start);
            if (newline >= 0) {
                start = newline + 1;
                int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                return new String(line, 0, length, StandardCharsets.UTF_8);
            }
            start = end;
        }
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) throws LineTooLongException {
        if (lineLength + count > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + count)));
        }
        System.arraycopy(buffer, start, line, lineLength, count);
        lineLength += count;
    }
}
