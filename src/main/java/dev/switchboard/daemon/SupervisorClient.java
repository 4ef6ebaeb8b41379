package dev.switchboard.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.engine.SwitchboardHome;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * {@link StackControl} over the supervisor service's socket, so the GUI and the CLI drive the
 * service exactly as they would an in-process supervisor. Futures complete, and subscription
 * listeners are called, on the client's reader thread: they must not block, and in particular must
 * not wait for another future of this client. Failures reported by the service arrive as
 * {@link ServiceException} (or {@link dev.switchboard.model.StackFileException} for an invalid stack
 * file); a lost connection as {@link ServiceUnavailableException}.
 */
public final class SupervisorClient implements StackControl {

    /** How long the service may take to answer the handshake. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /** Replies (a long log tail, say) may be far longer than requests. */
    private static final int MAX_REPLY_BYTES = 256 << 20;

    private final SwitchboardHome home;
    private final SocketChannel channel;
    private final Object writeLock = new Object();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<Long, Listener> listeners = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonNode> hello = new CompletableFuture<>();
    private final CompletableFuture<Void> disconnected = new CompletableFuture<>();

    private record Listener(Consumer<Event> events, LongConsumer dropped) {
    }

    private SupervisorClient(SwitchboardHome home, SocketChannel channel) {
        this.home = home;
        this.channel = channel;
    }

    /** Connects to the running service; fails with {@link ServiceUnavailableException} if none answers. */
    public static SupervisorClient connect(SwitchboardHome home) throws ServiceUnavailableException {
        Path socket = home.socket();
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new ServiceUnavailableException("no supervisor service answers on " + socket, e);
        }
        SupervisorClient client = new SupervisorClient(home, channel);
        client.handshake();
        return client;
    }

    /** Connects to the running service, starting one in the background first if none answers. */
    public static SupervisorClient connectOrStart(SwitchboardHome home) throws ServiceUnavailableException {
        try {
            return connect(home);
        } catch (ServiceUnavailableException e) {
            return DaemonLauncher.startAndConnect(home);
        }
    }

    private void handshake() throws ServiceUnavailableException {
        Thread.ofPlatform().daemon().name("switchboard-client-reader").start(this::readLoop);
        ObjectNode greeting = WireCodec.mapper().createObjectNode();
        greeting.put("hello", Protocol.HELLO);
        greeting.put("protocol", Protocol.VERSION);
        JsonNode answer;
        try {
            write(greeting);
            answer = hello.get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            close();
            throw new ServiceUnavailableException("the supervisor service on " + home.socket() + " did not answer"
                    + " (see " + SupervisorDaemon.logFile(home) + ")", e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while connecting to the supervisor service", e);
        }
        if (!answer.path("ok").asBoolean(true)) {
            close();
            throw new ServiceException(answer.path("error").asText("the supervisor service refused the connection"),
                    ErrorCode.of(answer.path("code").asText()));
        }
        if (!Protocol.HELLO.equals(answer.path("hello").asText()) || answer.path("protocol").asInt() != Protocol.VERSION) {
            close();
            throw new ServiceException("the supervisor service on " + home.socket() + " speaks protocol "
                    + answer.path("protocol") + ", this client speaks " + Protocol.VERSION
                    + ": run the same switchboard version for both ('switchboard daemon stop' stops the running service)",
                    ErrorCode.INVALID);
        }
    }

    /** The service's pid, as it announced it in the handshake. */
    public long servicePid() {
        return hello.join().path("pid").asLong();
    }

    /** Completes when the connection has ended (the service exited, or {@link #close()}). */
    public CompletableFuture<Void> disconnected() {
        return disconnected;
    }

    @Override
    public CompletableFuture<StackStatus> open(Path file) {
        return request(op("open").put("file", file.toAbsolutePath().normalize().toString())).thenApply(SupervisorClient::stack);
    }

    @Override
    public CompletableFuture<StackStatus> up(String stack) {
        return request(op("up").put("stack", stack)).thenApply(SupervisorClient::stack);
    }

    /**
     * Asks the service to start the stack and completes as soon as the start has begun (or failed
     * at once), with the stack's status at that moment; the start carries on in the service.
     */
    public CompletableFuture<StackStatus> beginUp(String stack) {
        return request(op("up").put("stack", stack).put("wait", false)).thenApply(SupervisorClient::stack);
    }

    @Override
    public CompletableFuture<StackStatus> down(String stack, boolean persist) {
        return request(op("down").put("stack", stack).put("persist", persist)).thenApply(SupervisorClient::stack);
    }

    @Override
    public CompletableFuture<StackStatus> start(String stack, String process) {
        return processRequest("start", stack, process);
    }

    @Override
    public CompletableFuture<StackStatus> stop(String stack, String process) {
        return processRequest("stop", stack, process);
    }

    @Override
    public CompletableFuture<StackStatus> restart(String stack, String process) {
        return processRequest("restart", stack, process);
    }

    @Override
    public CompletableFuture<StackStatus> check(String stack, String process) {
        return processRequest("check", stack, process);
    }

    @Override
    public CompletableFuture<List<StackStatus>> status() {
        return request(op("status")).thenApply(result -> decode(() -> WireCodec.decodeStacks(result)));
    }

    @Override
    public CompletableFuture<List<Event.LogLine>> logs(String stack, String process, LogStream stream, int lines) {
        ObjectNode request = op("logs").put("stack", stack).put("process", process).put("lines", lines);
        request.put("stream", stream == null ? null : stream.id());
        return request(request).thenApply(result -> decode(() -> WireCodec.decodeLogLines(result)));
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return subscribe(listener, dropped -> {
        });
    }

    /**
     * Like {@link #subscribe(Consumer)}; {@code onDropped} learns how many log lines the service
     * dropped because this client read too slowly (state events are never dropped).
     */
    public Subscription subscribe(Consumer<Event> listener, LongConsumer onDropped) {
        return subscribe(EventFilter.ALL, listener, onDropped);
    }

    /** Thinned out by the service: the lines left out never cross the socket. */
    @Override
    public Subscription subscribe(Consumer<Event> listener, int logLinesPerSecond) {
        return subscribe(EventFilter.ALL.withLogRate(logLinesPerSecond), listener, dropped -> {
        });
    }

    /** Like {@link #subscribe(Consumer, LongConsumer)}, for only the events {@code filter} lets through. */
    public Subscription subscribe(EventFilter filter, Consumer<Event> listener, LongConsumer onDropped) {
        long id = nextId.getAndIncrement();
        listeners.put(id, new Listener(listener, onDropped));
        if (filter.logs()) {
            WireCodec.warmUpOnce();
        }
        ObjectNode request = op("subscribe").put("logs", filter.logs());
        request.put("stack", filter.stack());
        if (filter.logRate() > 0) {
            request.put("log_rate", filter.logRate());
        }
        send(id, request);
        return () -> unsubscribe(id);
    }

    /**
     * Follows a process's output: the last {@code lines} lines, then every new line, without a gap or
     * a repeat. The future completes once the tail has been sent (or fails if the stack or process is
     * unknown); close the subscription to stop following.
     */
    public CompletableFuture<Subscription> followLogs(String stack, String process, LogStream stream, int lines,
                                                      Consumer<Event.LogLine> onLine, LongConsumer onDropped) {
        long id = nextId.getAndIncrement();
        listeners.put(id, new Listener(event -> {
            if (event instanceof Event.LogLine line) {
                onLine.accept(line);
            }
        }, onDropped));
        ObjectNode request = op("follow").put("stack", stack).put("process", process).put("lines", lines);
        request.put("stream", stream == null ? null : stream.id());
        Subscription subscription = () -> unsubscribe(id);
        return send(id, request).handle((ignored, failure) -> {
            if (failure != null) {
                listeners.remove(id);
                throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
            }
            return subscription;
        });
    }

    /** Asks the service to exit, leaving every stack running; completes once it has acknowledged. */
    public CompletableFuture<Void> shutdownService() {
        return request(op("shutdown")).thenApply(ignored -> null);
    }

    /** Closes this connection only: the service and its stacks carry on. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void unsubscribe(long id) {
        if (listeners.remove(id) != null && channel.isOpen()) {
            request(op("unsubscribe").put("sub", id));
        }
    }

    private CompletableFuture<StackStatus> processRequest(String name, String stack, String process) {
        return request(op(name).put("stack", stack).put("process", process)).thenApply(SupervisorClient::stack);
    }

    private static ObjectNode op(String name) {
        return WireCodec.mapper().createObjectNode().put("op", name);
    }

    private CompletableFuture<JsonNode> request(ObjectNode request) {
        return send(nextId.getAndIncrement(), request);
    }

    private CompletableFuture<JsonNode> send(long id, ObjectNode request) {
        ObjectNode message = WireCodec.mapper().createObjectNode().put("id", id);
        message.setAll(request);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            write(message);
        } catch (IOException e) {
            pending.remove(id);
            reply.completeExceptionally(lost(e));
        }
        if (disconnected.isDone() && pending.remove(id) != null) {
            // the reader has already failed everything pending: this one arrived too late for that
            reply.completeExceptionally(lost(null));
        }
        return reply;
    }

    private void write(JsonNode message) throws IOException {
        byte[] bytes = (message.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            ChannelStreams.writeFully(channel, bytes, bytes.length);
        }
    }

    private void readLoop() {
        Throwable failure = null;
        try {
            LineReader reader = new LineReader(ChannelStreams.input(channel), MAX_REPLY_BYTES);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                dispatch(WireCodec.mapper().readTree(line));
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            close();
            ServiceUnavailableException lost = lost(failure);
            hello.completeExceptionally(lost);
            for (Long id : List.copyOf(pending.keySet())) {
                CompletableFuture<JsonNode> reply = pending.remove(id);
                if (reply != null) {
                    reply.completeExceptionally(lost);
                }
            }
            disconnected.complete(null);
        }
    }

    private void dispatch(JsonNode message) {
        if (!hello.isDone()) {
            hello.complete(message);
            return;
        }
        JsonNode sub = message.get("sub");
        if (sub != null) {
            Listener listener = listeners.get(sub.asLong());
            if (listener == null) {
                return;
            }
            try {
                if (message.has("dropped")) {
                    listener.dropped().accept(message.path("dropped").asLong());
                } else {
                    listener.events().accept(decode(() -> WireCodec.decodeEvent(message.get("event"))));
                }
            } catch (RuntimeException e) {
                // a failing listener must not take the connection (and every other caller) down with it
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
            return;
        }
        JsonNode id = message.get("id");
        CompletableFuture<JsonNode> reply = id == null || id.isNull() ? null : pending.remove(id.asLong());
        if (reply == null) {
            return;
        }
        if (message.path("ok").asBoolean(false)) {
            reply.complete(message.get("result"));
        } else if (message.hasNonNull("problems")) {
            reply.completeExceptionally(WireCodec.decodeProblems(message.get("problems")));
        } else {
            reply.completeExceptionally(new ServiceException(message.path("error").asText("the request failed"),
                    ErrorCode.of(message.path("code").asText())));
        }
    }

    private ServiceUnavailableException lost(Throwable cause) {
        return new ServiceUnavailableException("the connection to the supervisor service was lost (see "
                + SupervisorDaemon.logFile(home) + ")", cause);
    }

    private static StackStatus stack(JsonNode result) {
        return decode(() -> WireCodec.decodeStack(result));
    }

    private interface Decoder<T> {
        T decode() throws IOException;
    }

    private static <T> T decode(Decoder<T> decoder) {
        try {
            return decoder.decode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the supervisor service sent something this client cannot read: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
