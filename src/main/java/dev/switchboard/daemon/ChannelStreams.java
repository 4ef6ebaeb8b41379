package dev.switchboard.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Stream views of a socket channel that take no shared lock, so one thread may block reading while
 * another writes ({@code Channels.newInputStream} synchronises on the channel's blocking lock).
 */
final class ChannelStreams {
    private ChannelStreams() {
    }

    /** An input stream reading straight from the channel. */
    static InputStream input(ByteChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    /** Writes every byte of {@code bytes[0..length)} to the channel. */
    static void writeFully(ByteChannel channel, byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
