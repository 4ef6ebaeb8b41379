package dev.switchboard.daemon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogSampler;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One client of the service: reads requests on the calling thread, writes replies and events from
 * its own writer thread through an {@link Outbox}, so neither a slow client nor a long request
 * holds up anything else. Requests run asynchronously; their replies go out as they complete.
 */
final class ServiceConnection implements AutoCloseable {

    /** Log lines beyond this many queued items are dropped (state events never are). */
    static final int OUTBOX_CAPACITY = 10_000;
    /** Past this many queued items the client is disconnected. */
    static final int OUTBOX_HARD_LIMIT = 100_000;
    private static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(2);

    private final SocketChannel channel;
    private final StackControl control;
    private final ObjectNode hello;
    private final Runnable onShutdownRequested;
    private final Outbox outbox;
    private final Map<Long, StackControl.Subscription> subscriptions = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> writerDone = new CompletableFuture<>();
    private volatile boolean closed;

    ServiceConnection(SocketChannel channel, StackControl control, ObjectNode hello, Runnable onShutdownRequested) {
        this.channel = channel;
        this.control = control;
        this.hello = hello;
        this.onShutdownRequested = onShutdownRequested;
        this.outbox = new Outbox(OUTBOX_CAPACITY, OUTBOX_HARD_LIMIT, this::close);
    }

    /** Serves the connection until the client goes away; call on a thread of its own. */
    void serve() {
        Thread.ofVirtual().name("switchboard-writer").start(this::writeLoop);
        try {
            LineReader reader = new LineReader(ChannelStreams.input(channel), Protocol.MAX_LINE_BYTES);
            if (handshake(reader.readLine())) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    handle(line);
                }
            }
        } catch (LineReader.LineTooLongException e) {
            outbox.send(Requests.error(null, Requests.invalid(
                    "request longer than " + Protocol.MAX_LINE_BYTES + " bytes: closing the connection")));
        } catch (IOException e) {
            // the client went away (or the service is closing): nothing to answer
        } finally {
            closeSubscriptions();
            outbox.finish();
        }
    }

    /** Drops the client at once: nothing queued is sent. */
    @Override
    public void close() {
        closed = true;
        outbox.close();
        closeSubscriptions();
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Completes when the writer has stopped, i.e. the connection is finished. */
    CompletableFuture<Void> done() {
        return writerDone;
    }

    private boolean handshake(String line) {
        if (line == null) {
            return false;
        }
        JsonNode request;
        try {
            request = WireCodec.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            request = null;
        }
        if (request == null || !Protocol.HELLO.equals(request.path("hello").asText(null))) {
            outbox.send(handshakeError("not a switchboard client: the first message must be "
                    + "{\"hello\":\"switchboard\",\"protocol\":" + Protocol.VERSION + "}"));
            return false;
        }
        int version = request.path("protocol").asInt(-1);
        if (version != Protocol.VERSION) {
            outbox.send(handshakeError("the supervisor service speaks protocol " + Protocol.VERSION
                    + " but the client speaks " + request.path("protocol") + ": run the same switchboard version for both"
                    + " (stop the running service with 'switchboard daemon stop')"));
            return false;
        }
        outbox.send(hello);
        return true;
    }

    private ObjectNode handshakeError(String message) {
        ObjectNode reply = hello.deepCopy();
        reply.put("ok", false);
        reply.put("error", message);
        reply.put("code", ErrorCode.INVALID.id());
        return reply;
    }

    private void handle(String line) {
        JsonNode request;
        try {
            request = WireCodec.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            outbox.send(Requests.error(null, Requests.invalid("malformed request (not JSON): " + e.getOriginalMessage())));
            return;
        }
        JsonNode idNode = request == null ? null : request.get("id");
        if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToLong()) {
            outbox.send(Requests.error(null, Requests.invalid("malformed request: it needs a numeric 'id'")));
            return;
        }
        long id = idNode.longValue();
        String op = request.path("op").asText("");
        try {
            switch (op) {
                case "subscribe" -> subscribe(id, request);
                case "follow" -> follow(id, request);
                case "unsubscribe" -> unsubscribe(id, request);
                case "shutdown" -> shutdown(id);
                case "ping" -> outbox.send(Requests.ok(id, null));
                default -> Requests.dispatch(control, op, request).whenComplete((result, failure) -> reply(id, result, failure));
            }
        } catch (RuntimeException e) {
            outbox.send(Requests.error(id, e));
        }
    }

    private void reply(long id, JsonNode result, Throwable failure) {
        outbox.send(failure == null ? Requests.ok(id, result) : Requests.error(id, failure));
    }

    /**
     * Events flow as {@code {"sub":ID,"event":…}}, starting with the snapshot; optional {@code stack}
     * (a name), {@code logs} (default true) and {@code log_rate} (lines per second and process) narrow them.
     */
    private void subscribe(long id, JsonNode request) {
        if (subscriptions.containsKey(id)) {
            throw Requests.invalid("subscription " + id + " already exists on this connection");
        }
        JsonNode stack = request.get("stack");
        if (stack != null && !stack.isNull() && !stack.isTextual()) {
            throw Requests.invalid("'stack' must be a stack name or null, not " + stack);
        }
        JsonNode rate = request.get("log_rate");
        if (rate != null && !rate.isNull() && !(rate.canConvertToInt() && rate.isIntegralNumber() && rate.intValue() > 0)) {
            throw Requests.invalid("'log_rate' must be a positive whole number of lines per second, not " + rate);
        }
        EventFilter filter = new EventFilter(stack == null || stack.isNull() ? null : stack.textValue(),
                request.path("logs").asBoolean(true), rate == null || rate.isNull() ? 0 : rate.intValue());
        if (filter.logs()) {
            WireCodec.warmUpOnce();
        }
        Consumer<Event> deliver = event -> filter.apply(event).ifPresent(e -> outbox.deliver(id, e));
        register(id, control.subscribe(filter.logRate() > 0 ? new LogSampler(filter.logRate(), deliver) : deliver));
        outbox.send(Requests.ok(id, null));
    }

    /** The tail of a process's output, then its live lines, as log_line events of subscription ID. */
    private void follow(long id, JsonNode request) {
        String stackArg = Requests.text(request, "stack");
        String process = Requests.text(request, "process");
        LogStream stream = Requests.stream(request);
        int lines = Requests.lines(request);
        Requests.call(control::status).thenCompose(stacks -> {
            StackStatus stack = find(stacks, stackArg, process);
            LogFollow follow = new LogFollow(stack.name(), process, stream, line -> outbox.deliver(id, line));
            register(id, control.subscribe(follow));
            return Requests.call(() -> control.logs(stack.name(), process, stream, lines)).thenAccept(follow::tail);
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                StackControl.Subscription subscription = subscriptions.remove(id);
                if (subscription != null) {
                    subscription.close();
                }
            }
            reply(id, null, failure);
        });
    }

    private void unsubscribe(long id, JsonNode request) {
        JsonNode sub = request.get("sub");
        if (sub == null || !sub.canConvertToLong()) {
            throw Requests.invalid("request 'unsubscribe' needs a numeric 'sub'");
        }
        StackControl.Subscription subscription = subscriptions.remove(sub.longValue());
        if (subscription != null) {
            subscription.close();
        }
        outbox.send(Requests.ok(id, null));
    }

    /** Answers, lets the answer reach the client (briefly), then asks the service to exit. */
    private void shutdown(long id) {
        outbox.send(Requests.ok(id, null));
        outbox.finish();
        writerDone.completeOnTimeout(null, SHUTDOWN_FLUSH.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, failure) -> onShutdownRequested.run());
    }

    private void register(long id, StackControl.Subscription subscription) {
        subscriptions.put(id, subscription);
        if (closed) {
            // the connection closed while subscribing: nobody else will close it
            closeSubscriptions();
        }
    }

    private void closeSubscriptions() {
        for (Long id : List.copyOf(subscriptions.keySet())) {
            StackControl.Subscription subscription = subscriptions.remove(id);
            if (subscription != null) {
                subscription.close();
            }
        }
    }

    private static StackStatus find(List<StackStatus> stacks, String stackArg, String process) {
        StackStatus stack = stacks.stream()
                .filter(s -> s.name().equals(stackArg) || stackArg.equals(s.file()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no stack named '" + stackArg + "' (known: "
                        + stacks.stream().map(StackStatus::name).collect(Collectors.joining(", ")) + ")"));
        if (stack.process(process) == null) {
            throw new NoSuchElementException("stack '" + stack.name() + "' has no process '" + process + "' (known: "
                    + stack.processes().stream().map(ProcessStatus::name).collect(Collectors.joining(", ")) + ")");
        }
        return stack;
    }

    private void writeLoop() {
        ObjectMapper mapper = WireCodec.mapper();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192) {
            // exposes the buffer so a batch goes to the socket without a copy
            @Override
            public synchronized byte[] toByteArray() {
                return buf;
            }
        };
        try (JsonGenerator gen = mapper.createGenerator(out)) {
            gen.setRootValueSeparator(null);
            while (true) {
                List<Outbox.Item> batch = outbox.takeBatch(512);
                if (batch.isEmpty()) {
                    break;
                }
                out.reset();
                for (Outbox.Item item : batch) {
                    write(mapper, gen, item);
                    gen.writeRaw('\n');
                }
                gen.flush();
                ChannelStreams.writeFully(channel, out.toByteArray(), out.size());
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the connection was closed: stop writing
        } finally {
            close();
            writerDone.complete(null);
        }
    }

    private static void write(ObjectMapper mapper, JsonGenerator gen, Outbox.Item item) throws IOException {
        switch (item) {
            case Outbox.Message message -> mapper.writeTree(gen, message.node());
            case Outbox.Delivery delivery -> {
                gen.writeStartObject();
                gen.writeNumberField("sub", delivery.sub());
                gen.writeFieldName("event");
                mapper.writeValue(gen, delivery.event());
                gen.writeEndObject();
            }
            case Outbox.Dropped dropped -> {
                gen.writeStartObject();
                gen.writeNumberField("sub", dropped.sub);
                gen.writeNumberField("dropped", dropped.count);
                gen.writeEndObject();
            }
        }
    }
}
