package dev.switchboard.daemon;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.Problem;
import dev.switchboard.model.SourceLocation;
import dev.switchboard.model.StackFileException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The one place that turns engine records into JSON and back: the wire format of the supervisor
 * service and the {@code status --json} document of the CONTRACT. Records are written by Jackson
 * with snake_case field names, enums as their {@code id()} spelling, instants as ISO-8601 strings,
 * and events tagged with a {@code type} field ({@code snapshot}, {@code process_state_changed}, …).
 */
public final class WireCodec {

    private static final ObjectMapper MAPPER = createMapper();
    private static final TypeReference<List<StackStatus>> STACK_LIST = new TypeReference<>() {
    };

    private WireCodec() {
    }

    /** The configured mapper (thread-safe), for building and parsing protocol messages. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Encodes and decodes a sample of every event, so the JSON (de)serializers exist and the code is
     * warm before the first real event: without it the first log lines after a start took several
     * hundred milliseconds to cross the socket. Takes ~0.1 s of CPU; see {@link #warmUpOnce()}.
     */
    static void warmUp() {
        try {
            java.time.Instant now = java.time.Instant.now();
            ProcessStatus process = ProcessStatus.initial("warm-up", dev.switchboard.model.LaunchMode.OWN);
            StackStatus stack = new StackStatus("warm-up", "/warm-up.yaml", null, StackState.STOPPED, null, List.of(process));
            List<Event> samples = List.of(new Event.Snapshot(List.of(stack)), new Event.StackLoaded(stack),
                    new Event.ProcessStateChanged("warm-up", process),
                    new Event.StackStateChanged("warm-up", StackState.READY, null, now));
            java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 2000; i++) {
                Event line = new Event.LogLine("warm-up", "warm-up", i % 2 == 0 ? LogStream.STDOUT : LogStream.STDERR,
                        i, now, "\u001b[32mINFO\u001b[0m warm-up line " + i);
                for (Event e : i < samples.size() ? List.of(line, samples.get(i)) : List.of(line)) {
                    sink.reset();
                    MAPPER.writeValue(sink, e);
                    decodeEvent(MAPPER.readTree(sink.toByteArray()));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Runs {@link #warmUp()} once per JVM, on a background thread: called when someone subscribes
     * to log lines (a window is about to show live output), not on the path of a quick CLI command.
     */
    static void warmUpOnce() {
        if (WARMED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("switchboard-codec-warm-up").start(WireCodec::warmUp);
        }
    }

    /** The event as a JSON tree with its {@code type} tag. */
    public static JsonNode encode(Event event) {
        return MAPPER.valueToTree(event);
    }

    /** The event a tree made by {@link #encode(Event)} describes. */
    public static Event decodeEvent(JsonNode node) throws JsonProcessingException {
        return MAPPER.treeToValue(node, Event.class);
    }

    /** A stack's status as a JSON tree (the wire form: every field). */
    public static JsonNode encode(StackStatus stack) {
        return MAPPER.valueToTree(stack);
    }

    /** The stack status a tree made by {@link #encode(StackStatus)} describes. */
    public static StackStatus decodeStack(JsonNode node) throws JsonProcessingException {
        return MAPPER.treeToValue(node, StackStatus.class);
    }

    /** Stack statuses as a JSON array. */
    public static JsonNode encodeStacks(List<StackStatus> stacks) {
        return MAPPER.valueToTree(stacks);
    }

    /** The stack statuses a tree made by {@link #encodeStacks(List)} describes. */
    public static List<StackStatus> decodeStacks(JsonNode node) throws IOException {
        return MAPPER.readerFor(STACK_LIST).readValue(node);
    }

    /** Log lines as a JSON array (each with its {@code type} tag). */
    public static JsonNode encodeLogLines(List<Event.LogLine> lines) {
        // one by one: as list elements, records would lose the type tag their interface declares
        ArrayNode array = MAPPER.createArrayNode();
        lines.forEach(line -> array.add(encode(line)));
        return array;
    }

    /** The log lines a tree made by {@link #encodeLogLines(List)} describes. */
    public static List<Event.LogLine> decodeLogLines(JsonNode node) throws JsonProcessingException {
        List<Event.LogLine> lines = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!(decodeEvent(item) instanceof Event.LogLine line)) {
                throw new IllegalArgumentException("expected a log_line, got " + item.path("type"));
            }
            lines.add(line);
        }
        return lines;
    }

    /** The problems of an invalid stack file as {@code [{"file","line","column","message"}]}. */
    public static ArrayNode encodeProblems(StackFileException e) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Problem problem : e.problems()) {
            ObjectNode item = array.addObject();
            SourceLocation where = problem.where();
            item.put("file", where.file() == null ? null : where.file().toString());
            item.put("line", where.line());
            item.put("column", where.column());
            item.put("message", problem.message());
        }
        return array;
    }

    /** Rebuilds the exception from {@link #encodeProblems}, so callers can print FILE:LINE:COLUMN lines. */
    public static StackFileException decodeProblems(JsonNode array) {
        List<Problem> problems = new ArrayList<>();
        for (JsonNode item : array) {
            String file = item.path("file").textValue();
            problems.add(new Problem(
                    new SourceLocation(file == null ? null : Path.of(file), item.path("line").asInt(), item.path("column").asInt()),
                    item.path("message").asText()));
        }
        return new StackFileException(problems);
    }

    /** The exact {@code status --json} document of the CONTRACT (section 6). */
    public static ObjectNode contractStatus(List<StackStatus> stacks) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode stackArray = root.putArray("stacks");
        for (StackStatus stack : stacks) {
            ObjectNode s = stackArray.addObject();
            s.put("name", stack.name());
            s.put("file", stack.file());
            s.put("state", stack.state().id());
            ArrayNode processes = s.putArray("processes");
            for (ProcessStatus p : stack.processes()) {
                ObjectNode o = processes.addObject();
                o.put("name", p.name());
                o.put("mode", p.mode().id());
                o.put("state", p.state().id());
                o.put("pid", p.pid());
                o.put("exit_code", p.exitCode());
                o.put("signal", p.signal());
                o.put("reason", p.reason());
                o.put("ready_after_ms", p.readyAfterMs());
                o.put("stdout_log", p.stdoutLog());
                o.put("stderr_log", p.stderrLog());
            }
        }
        return root;
    }

    private static ObjectMapper createMapper() {
        SimpleModule module = new SimpleModule("switchboard-wire");
        idEnum(module, ProcessState.class, ProcessState::id);
        idEnum(module, StackState.class, StackState::id);
        idEnum(module, LaunchMode.class, LaunchMode::id);
        idEnum(module, LogStream.class, LogStream::id);
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addMixIn(Event.class, EventMixin.class)
                .addModule(module)
                // a newer service may add fields; an older client must still read the ones it knows
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private static <E extends Enum<E>> void idEnum(SimpleModule module, Class<E> type, Function<E, String> id) {
        module.addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(id.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException | NullPointerException e) {
                    return ctxt.reportInputMismatch(type, "unknown %s '%s'", type.getSimpleName(), text);
                }
            }
        });
    }

    /** Tags events with {@code type}; the names are the wire's, independent of the Java class names. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Event.Snapshot.class, name = "snapshot"),
            @JsonSubTypes.Type(value = Event.StackLoaded.class, name = "stack_loaded"),
            @JsonSubTypes.Type(value = Event.ProcessStateChanged.class, name = "process_state_changed"),
            @JsonSubTypes.Type(value = Event.StackStateChanged.class, name = "stack_state_changed"),
            @JsonSubTypes.Type(value = Event.LogLine.class, name = "log_line")
    })
    private interface EventMixin {
    }
}
