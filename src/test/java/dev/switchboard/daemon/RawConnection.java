package dev.switchboard.daemon;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare socket client for testing what the service does with bytes no real client would send. */
final class RawConnection implements AutoCloseable {
    /** Marks the end of the stream in {@link #lines}. */
    private static final String EOF = "\u0000EOF";

    final SocketChannel channel;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private boolean reading;
    /** Closed while reading is paused: the reader waits here before each line. */
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

    RawConnection(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
    }

    /** Starts reading lines in the background (not started until needed, so a test can leave replies unread). */
    RawConnection startReading() {
        if (!reading) {
            reading = true;
            Thread.ofVirtual().start(() -> {
                try {
                    LineReader reader = new LineReader(ChannelStreams.input(channel), 256 << 20);
                    while (true) {
                        gate.await();
                        String line = reader.readLine();
                        if (line == null) {
                            break;
                        }
                        lines.add(line);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed
                } finally {
                    lines.add(EOF);
                }
            });
        }
        return this;
    }

    /**
     * Stops taking lines off the socket (after the one being read, if any), so the service's
     * writes back up as they would for a client that cannot keep up.
     */
    RawConnection pauseReading() {
        gate = new java.util.concurrent.CountDownLatch(1);
        return this;
    }

    /** Takes lines off the socket again. */
    RawConnection resumeReading() {
        gate.countDown();
        return this;
    }

    RawConnection send(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        ChannelStreams.writeFully(channel, bytes, bytes.length);
        return this;
    }

    RawConnection sendBytes(byte[] bytes) throws IOException {
        channel.write(ByteBuffer.wrap(bytes));
        return this;
    }

    RawConnection hello() throws Exception {
        send("{\"hello\":\"switchboard\",\"protocol\":1}");
        JsonNode answer = next(Duration.ofSeconds(5));
        if (answer == null || answer.path("protocol").asInt() != 1) {
            throw new AssertionError("no hello: " + answer);
        }
        return this;
    }

    /** The next message, or null at the end of the stream; fails after the timeout. */
    JsonNode next(Duration timeout) throws Exception {
        startReading();
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("nothing received within " + timeout);
        }
        if (line.equals(EOF)) {
            lines.add(EOF);
            return null;
        }
        return WireCodec.mapper().readTree(line);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
