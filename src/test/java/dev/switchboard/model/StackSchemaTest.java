package dev.switchboard.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Keeps stacks/switchboard-stack.schema.json (what editors complete and check) and the loader
 * (what Switchboard accepts) in step: same field names, and every sample passes both.
 */
class StackSchemaTest {
    private static final Path SCHEMA = Path.of("stacks/switchboard-stack.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schemaJson;
    private static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaJson = JSON.readTree(SCHEMA.toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson);
    }

    /** The samples in stacks/ and this test's own valid fixtures. */
    static Stream<Path> stackFiles() throws IOException {
        return Stream.of(Path.of("stacks"), Path.of("src/test/resources/stacks/valid"))
                .filter(Files::isDirectory)
                .flatMap(StackSchemaTest::yamlFiles)
                .sorted();
    }

    private static Stream<Path> yamlFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** YAML as an editor's schema check sees it: aliases and merge keys resolved. */
    private static JsonNode asJson(String yaml) {
        Object data = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return JSON.valueToTree(data);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stackFiles")
    void everyStackFilePassesTheSchemaAndTheLoader(Path file) throws Exception {
        Set<ValidationMessage> messages = schema.validate(asJson(Files.readString(file)));

        assertEquals(Set.of(), messages, "schema check of " + file);
        StackLoader.load(file);
    }

    @Test
    void schemaIsAValidDraft202012Schema() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertEquals(Set.of(), meta.validate(schemaJson));
    }

    @Test
    void schemaNamesExactlyTheFieldsTheLoaderAccepts() {
        JsonNode defs = schemaJson.get("$defs");

        assertEquals(Set.copyOf(StackLoader.STACK_FIELDS), names(schemaJson.get("properties")));
        assertEquals(Set.copyOf(StackLoader.DEFAULTS_FIELDS), names(schemaJson.at("/properties/defaults/properties")));
        assertEquals(Set.copyOf(StackLoader.PROCESS_FIELDS), names(defs.at("/process/properties")));
        assertEquals(Set.copyOf(StackLoader.GROUP_FIELDS), names(defs.at("/parallel/properties")));
        assertEquals(Set.copyOf(StackLoader.READY_FIELDS), names(defs.at("/readyMap/properties")));
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> names = new HashSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "processes: [{name: a, command: run, depend_on: [b]}]",
            "processes: [{name: a, command: run, stop_timeout: 20}]",
            "processes: [{name: a, command: run, launch_mode: persistent}]",
            "processes: [{name: a, command: run, port: 70000}]",
            "processes: [{name: a}]",
            "processes: [{name: 'my proc', command: run}]",
            "processes: [{name: a, shell: true, command: [echo, hi]}]",
            "processes: [{name: a, launch_mode: reuse, ready: file}]",
            "processes: [{name: a, launch_mode: reuse, ready: {log: x}}]",
            "processes: [{name: a, command: run, ready: {tcp: 80, http: 'http://x/'}}]",
            "processes: [{name: a, command: run, ready: {http: 'ftp://x/'}}]",
            "processes: [{name: a, command: run, ready: {file: false}}]",
            "processes: [{name: a, command: run, depends_on: {b: healthy}}]",
            "processes: [{name: a, command: run, stop_signal: sigterm}]",
            "processes: [{name: a, command: run, env: {SWITCHBOARD_STACK: x}}]",
            "processes: [{parallel: [{parallel: [{name: a, command: run}]}]}]",
            "processes: []",
            "defaults: {ready_timeout: 2 minutes}\nprocesses: [{name: a, command: run}]",
            "colour: red\nprocesses: [{name: a, command: run}]"})
    void schemaRejectsWhatTheLoaderRejects(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), yaml + "\n");

        assertFalse(schema.validate(asJson(yaml)).isEmpty(), "the schema accepts " + yaml);
        assertThrows(StackFileException.class, () -> StackLoader.load(file), "the loader accepts " + yaml);
    }
}
