package dev.switchboard.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.StackControl;
import dev.switchboard.model.StackFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns one request of the protocol into a call on the hosted {@link StackControl} and its outcome
 * into a reply. Only the operations that map one-to-one onto StackControl live here; the ones that
 * touch the connection (subscribe, follow, shutdown) are handled by {@link ServiceConnection}.
 */
final class Requests {
    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);

    /** How long {@code up} without waiting gives the start to fail fast before it answers. */
    private static final long UP_NO_WAIT_GRACE_MS = 250;

    private Requests() {
    }

    /** Runs {@code op}; the future completes with the reply's {@code result}, or fails with the reason. */
    static CompletableFuture<JsonNode> dispatch(StackControl control, String op, JsonNode request) {
        return switch (op) {
            case "status" -> call(() -> control.status()).thenApply(WireCodec::encodeStacks);
            case "open" -> call(() -> control.open(absoluteFile(request))).thenApply(WireCodec::encode);
            case "up" -> up(control, request);
            case "down" -> call(() -> control.down(text(request, "stack"), request.path("persist").asBoolean(false)))
                    .thenApply(WireCodec::encode);
            case "start" -> call(() -> control.start(text(request, "stack"), text(request, "process"))).thenApply(WireCodec::encode);
            case "stop" -> call(() -> control.stop(text(request, "stack"), text(request, "process"))).thenApply(WireCodec::encode);
            case "restart" -> call(() -> control.restart(text(request, "stack"), text(request, "process")))
                    .thenApply(WireCodec::encode);
            case "check" -> call(() -> control.check(text(request, "stack"), text(request, "process"))).thenApply(WireCodec::encode);
            case "logs" -> call(() -> control.logs(text(request, "stack"), text(request, "process"), stream(request),
                    lines(request))).thenApply(WireCodec::encodeLogLines);
            default -> CompletableFuture.failedFuture(
                    new ServiceException("unknown operation '" + op + "'", ErrorCode.INVALID));
        };
    }

    /**
     * {@code up} with {@code "wait":false} answers once the start has begun, with the stack's status
     * at that moment, instead of when the stack is ready; the start carries on in the service. A start
     * that fails at once (an unknown stack, say) still answers with its error.
     */
    private static CompletableFuture<JsonNode> up(StackControl control, JsonNode request) {
        String stack = text(request, "stack");
        CompletableFuture<JsonNode> started = call(() -> control.up(stack)).thenApply(WireCodec::encode);
        if (request.path("wait").asBoolean(true)) {
            return started;
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        started.whenComplete((result, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(result);
            }
        });
        CompletableFuture.delayedExecutor(UP_NO_WAIT_GRACE_MS, TimeUnit.MILLISECONDS).execute(() ->
                call(control::status).whenComplete((stacks, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                        return;
                    }
                    stacks.stream()
                            .filter(s -> s.name().equals(stack) || stack.equals(s.file()))
                            .findFirst()
                            .ifPresentOrElse(s -> answer.complete(WireCodec.encode(s)),
                                    () -> answer.completeExceptionally(new NoSuchElementException("no stack named '" + stack + "'")));
                }));
        return answer;
    }

    /** A successful reply. */
    static ObjectNode ok(long id, JsonNode result) {
        ObjectNode reply = WireCodec.mapper().createObjectNode();
        reply.put("id", id);
        reply.put("ok", true);
        reply.set("result", result == null ? NullNode.getInstance() : result);
        return reply;
    }

    /** A failed reply; {@code id} is null when the request could not even be read. */
    static ObjectNode error(Long id, Throwable failure) {
        Throwable cause = unwrap(failure);
        ObjectNode reply = WireCodec.mapper().createObjectNode();
        if (id == null) {
            reply.putNull("id");
        } else {
            reply.put("id", id);
        }
        reply.put("ok", false);
        switch (cause) {
            case StackFileException e -> {
                int count = e.problems().size();
                reply.put("error", e.problems().getFirst().toString()
                        + (count > 1 ? " (and " + (count - 1) + " more problems)" : ""));
                reply.put("code", ErrorCode.INVALID.id());
                reply.set("problems", WireCodec.encodeProblems(e));
            }
            case ServiceException e -> {
                reply.put("error", e.getMessage());
                reply.put("code", e.code().id());
            }
            case dev.switchboard.engine.UnknownNameException e -> {
                reply.put("error", e.getMessage());
                reply.put("code", ErrorCode.NOT_FOUND.id());
            }
            case NoSuchElementException e -> {
                reply.put("error", e.getMessage());
                reply.put("code", ErrorCode.NOT_FOUND.id());
            }
            case IllegalArgumentException e -> {
                reply.put("error", e.getMessage());
                reply.put("code", ErrorCode.INVALID.id());
            }
            default -> {
                if (!(cause instanceof IllegalStateException)) {
                    LOG.warn("request {} failed", id, cause);
                }
                reply.put("error", cause.getMessage() == null ? cause.toString() : cause.getMessage());
                reply.put("code", ErrorCode.FAILED.id());
            }
        }
        return reply;
    }

    /** A request that is not what the protocol expects. */
    static ServiceException invalid(String message) {
        return new ServiceException(message, ErrorCode.INVALID);
    }

    /** A required string field. */
    static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw invalid("request '" + request.path("op").asText() + "' needs a non-empty string '" + field + "'");
        }
        return value.textValue();
    }

    /** The optional {@code stream} field: null for both streams. */
    static LogStream stream(JsonNode request) {
        JsonNode value = request.get("stream");
        if (value == null || value.isNull()) {
            return null;
        }
        for (LogStream stream : LogStream.values()) {
            if (stream.id().equals(value.asText())) {
                return stream;
            }
        }
        throw invalid("'stream' must be \"stdout\", \"stderr\" or null, not " + value);
    }

    /** The {@code lines} field: how many lines of the tail, 100 unless given. */
    static int lines(JsonNode request) {
        JsonNode value = request.get("lines");
        if (value == null || value.isNull()) {
            return 100;
        }
        if (!value.canConvertToInt() || value.intValue() < 0) {
            throw invalid("'lines' must be a whole number ≥ 0, not " + value);
        }
        return value.intValue();
    }

    private static Path absoluteFile(JsonNode request) {
        Path file = Path.of(text(request, "file"));
        if (!file.isAbsolute()) {
            // the service's working folder means nothing to the caller, so refuse to guess
            throw invalid("'file' must be an absolute path, not " + file);
        }
        return file;
    }

    /** Runs a StackControl call, turning an exception thrown before the future exists into a failed future. */
    static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> action) {
        try {
            CompletableFuture<T> future = action.get();
            return future == null ? CompletableFuture.failedFuture(new IllegalStateException("no result")) : future;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof CancellationException ? new IllegalStateException("the request was cancelled") : t;
    }
}
