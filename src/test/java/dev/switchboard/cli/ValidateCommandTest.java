package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new SwitchboardCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl.execute(args);
    }

    private Path stack(String yaml) throws Exception {
        return Files.writeString(dir.resolve("demo.yaml"), yaml);
    }

    private static final String DEMO = """
            name: demo
            description: a hub, two speech services and a worker
            processes:
              - name: hub
                command: ./hub --name 'my hub'
              - parallel:
                  - {name: stt, command: stt_server, ready: {tcp: 9001}}
                  - {name: tts, command: tts_server, ready: started}
              - name: worker
                launch_mode: persist
                command: [python3, worker.py]
                depends_on: {hub: ready, stt: started}
              - {name: vllm, launch_mode: reuse, port: 8000, depends_on: []}
            """;

    @Test
    void validFilePrintsTheNameAndEachLevelWithModeReadinessAndQuotedArgv() throws Exception {
        Path file = stack(DEMO);

        int code = run("validate", file.toString());

        assertEquals(0, code, err::toString);
        assertEquals("", err.toString());
        assertEquals("""
                demo: 5 processes in 3 levels (%s)
                a hub, two speech services and a worker

                level 1
                  hub: own, ready: ready file
                      $ ./hub --name 'my hub'
                  vllm: reuse, ready: tcp 127.0.0.1:8000, port 8000
                      (reused: never started or stopped here)

                level 2
                  stt: own, ready: tcp 127.0.0.1:9001, after hub
                      $ stt_server
                  tts: own, ready: started, after hub
                      $ tts_server

                level 3
                  worker: persist, ready: ready file, after hub, stt (started)
                      $ python3 worker.py
                """.formatted(file.toAbsolutePath()), out.toString());
    }

    @Test
    void jsonHasExactlyNameAndProcessesWithModeDependenciesAndArgv() throws Exception {
        Path file = stack(DEMO);

        int code = run("validate", file.toString(), "--json");

        assertEquals(0, code, err::toString);
        JsonNode expected = new ObjectMapper().readTree("""
                {"name": "demo", "processes": [
                  {"name": "hub", "mode": "own", "depends_on": [], "argv": ["./hub", "--name", "my hub"]},
                  {"name": "stt", "mode": "own", "depends_on": [{"name": "hub", "condition": "ready"}],
                   "argv": ["stt_server"]},
                  {"name": "tts", "mode": "own", "depends_on": [{"name": "hub", "condition": "ready"}],
                   "argv": ["tts_server"]},
                  {"name": "worker", "mode": "persist", "depends_on": [{"name": "hub", "condition": "ready"},
                   {"name": "stt", "condition": "started"}], "argv": ["python3", "worker.py"]},
                  {"name": "vllm", "mode": "reuse", "depends_on": [], "argv": []}]}
                """);
        assertEquals(expected, new ObjectMapper().readTree(out.toString()));
    }

    @Test
    void invalidFilePrintsEveryProblemThenASummaryOnStderrAndExitsTwo() throws Exception {
        Path file = stack("""
                processes:
                  - name: a
                    comand: run
                  - name: b
                    command: run
                    stop_timeout: 20
                """);

        int code = run("validate", file.toString());

        assertEquals(2, code);
        assertEquals("", out.toString());
        assertEquals(List.of(
                file + ":2:5: process 'a' needs a 'command' (only launch_mode: reuse may leave it out)",
                file + ":3:5: unknown field 'comand' — did you mean 'command'?",
                file + ":6:19: bad duration for 'stop_timeout': write 20s, not 20 (a duration needs a unit)",
                file + " is not a valid stack file: 3 problems"), err.toString().lines().toList());
    }

    @Test
    void invalidFileWithJsonStillReportsOnStderrOnly() throws Exception {
        Path file = stack("processes: [{name: a}]\n");

        int code = run("validate", "--json", file.toString());

        assertEquals(2, code);
        assertEquals("", out.toString());
        assertEquals(2, err.toString().lines().count());
    }

    @Test
    void missingFileIsOneLineWithoutAStackTrace() {
        Path missing = dir.resolve("nope.yaml");

        int code = run("validate", missing.toString());

        assertEquals(2, code);
        assertEquals(List.of("switchboard: cannot read " + missing + ": no such file"), err.toString().lines().toList());
    }

    @Test
    void folderIsOneLine() {
        int code = run("validate", dir.toString());

        assertEquals(2, code);
        assertEquals(1, err.toString().lines().count(), err::toString);
        assertTrue(err.toString().contains("is a folder"));
    }

    @Test
    void helpExplainsTheOutputAndExitCodes() {
        int code = run("validate", "--help");

        assertEquals(0, code);
        String help = out.toString();
        assertTrue(help.contains("FILE:LINE:COLUMN: message"), help);
        assertTrue(help.contains("--json"), help);
        assertTrue(help.contains("Exit codes:"), help);
        assertFalse(help.contains("not built yet"), help);
    }

    @Test
    void missingArgumentIsAUsageError() {
        int code = run("validate");

        assertEquals(2, code);
        assertTrue(err.toString().contains("Missing required parameter: 'FILE'"), err::toString);
    }
}
