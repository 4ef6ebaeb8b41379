package dev.switchboard.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every kind of mistake a stack file can have, each reported once at its exact line and column. */
class StackLoaderErrorsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("yaml syntax", """
                        processes:
                          - name: a
                            command: x: y
                        """, 3, 15, "YAML syntax error: mapping values are not allowed here"),
                arguments("duplicate key", """
                        processes:
                          - name: a
                            command: run
                            name: b
                        """, 4, 5, "duplicate key 'name' (first at line 2)"),
                arguments("unknown field", """
                        processes:
                          - name: a
                            command: run
                            depend_on: [b]
                        """, 4, 5, "unknown field 'depend_on' — did you mean 'depends_on'?"),
                arguments("unknown top-level field", """
                        name: s
                        descripton: oops
                        processes: [{name: a, command: run}]
                        """, 2, 1, "unknown field 'descripton' — did you mean 'description'?"),
                arguments("unknown field without a close name", """
                        processes:
                          - name: a
                            command: run
                            colour: red
                        """, 4, 5, "unknown field 'colour' (a process takes: name, command, project"),
                arguments("wrong type", """
                        processes:
                          - name: a
                            command: run
                            port: [8000]
                        """, 4, 11, "'port' must be a number from 1 to 65535, not a list"),
                arguments("port out of range", """
                        processes:
                          - {name: a, command: run, port: 70000}
                        """, 2, 35, "'port' must be a number from 1 to 65535, not the number 70000"),
                arguments("env value is a map", """
                        env:
                          A: {b: c}
                        processes: [{name: a, command: run}]
                        """, 2, 6, "the value of 'A' must be a string, number or true/false, not a map"),
                arguments("missing name", """
                        processes:
                          - command: run
                        """, 2, 5, "a process needs a 'name'"),
                arguments("missing command", """
                        processes:
                          - name: a
                            port: 80
                        """, 2, 5, "process 'a' needs a 'command'"),
                arguments("invalid name", """
                        processes:
                          - name: my proc
                            command: run
                        """, 2, 11, "'my proc' is not a valid process name"),
                arguments("duplicate name", """
                        processes:
                          - name: a
                            command: run
                          - name: a
                            command: run
                        """, 4, 11, "duplicate process name 'a' (first declared at line 2)"),
                arguments("unknown depends_on name", """
                        processes:
                          - name: hub
                            command: run
                          - name: worker
                            command: run
                            depends_on: [hbu]
                        """, 6, 18, "'depends_on' names unknown process 'hbu' — did you mean 'hub'?"),
                arguments("depends_on a disabled process", """
                        processes:
                          - {name: hub, command: run, enabled: false}
                          - name: worker
                            command: run
                            depends_on: [hub]
                        """, 5, 18, "'depends_on' names 'hub', which is disabled"),
                arguments("dependency cycle", """
                        processes:
                          - name: a
                            command: run
                            depends_on: [c]
                          - name: b
                            command: run
                          - name: c
                            command: run
                        """, 4, 18, "dependency cycle: a -> c -> b -> a"),
                arguments("bad condition", """
                        processes:
                          - {name: a, command: run}
                          - name: b
                            command: run
                            depends_on: {a: healthy}
                        """, 5, 21, "unknown condition 'healthy' for 'a' (use ready, started or completed)"),
                arguments("bare number duration", """
                        processes:
                          - name: a
                            command: run
                            stop_timeout: 20
                        """, 4, 19, "write 20s, not 20"),
                arguments("bad duration", """
                        defaults: {ready_timeout: 2 minutes}
                        processes: [{name: a, command: run}]
                        """, 1, 27, "'2 minutes' is not a duration like 500ms, 20s, 2m or 1m30s"),
                arguments("bad signal", """
                        processes:
                          - name: a
                            command: run
                            stop_signal: TREM
                        """, 4, 18, "unknown stop_signal 'TREM' — did you mean 'TERM'?"),
                arguments("lower-case signal", """
                        processes:
                          - {name: a, command: run, stop_signal: sigterm}
                        """, 2, 42, "unknown stop_signal 'sigterm' — did you mean 'TERM'?"),
                arguments("bad launch_mode", """
                        processes:
                          - name: a
                            command: run
                            launch_mode: persistent
                        """, 4, 18, "unknown launch_mode 'persistent' — did you mean 'persist'?"),
                arguments("unterminated quote", """
                        processes:
                          - name: a
                            command: echo "hello world
                        """, 3, 19, "unterminated double quote"),
                arguments("shell command as a list", """
                        processes:
                          - name: a
                            shell: true
                            command: [echo, hi]
                        """, 4, 14, "'command' must be a string when 'shell' is true, not a list"),
                arguments("unknown readiness keyword", """
                        processes:
                          - name: a
                            command: run
                            ready: tcp
                        """, 4, 12, "'ready: tcp' needs a value"),
                arguments("two probes", """
                        processes:
                          - name: a
                            command: run
                            ready: {tcp: 80, http: "http://localhost/"}
                        """, 4, 22, "'ready' takes one probe, but has both 'tcp' and 'http'"),
                arguments("bad regex", """
                        processes:
                          - name: a
                            command: run
                            ready: {log: "ready ("}
                        """, 4, 26, "bad regular expression for 'log': Unclosed group"),
                arguments("http probe without http", """
                        processes:
                          - name: a
                            command: run
                            ready: {http: "ftp://host/"}
                        """, 4, 19, "'http' needs an http:// or https:// URL"),
                arguments("reuse with file readiness", """
                        processes:
                          - name: a
                            launch_mode: reuse
                            ready: file
                        """, 4, 12, "process 'a' is reused (never started here), so 'ready: file' cannot work"),
                arguments("reserved environment name", """
                        processes:
                          - name: a
                            command: run
                            env: {SWITCHBOARD_PROCESS: x}
                        """, 4, 11, "'SWITCHBOARD_PROCESS' is set by Switchboard itself"),
                arguments("project does not exist", """
                        processes:
                          - name: a
                            project: ../no-such-project
                            command: run
                        """, 3, 14, "'project' folder does not exist: "),
                arguments("cwd does not exist", """
                        processes:
                          - {name: a, command: run, cwd: missing}
                        """, 2, 34, "'cwd' folder does not exist: "),
                arguments("config does not exist", """
                        processes:
                          - name: a
                            command: run
                            config: yaml/a.yaml
                        """, 4, 13, "'config' file does not exist: "),
                arguments("env_file does not exist", """
                        processes:
                          - name: a
                            command: run
                            env_file: .env
                        """, 4, 15, "'env_file' file does not exist: "),
                arguments("base does not exist", """
                        base: ../no-such-base
                        processes: [{name: a, command: run}]
                        """, 1, 7, "'base' folder does not exist: "),
                arguments("processes is not a list", """
                        processes: {name: a}
                        """, 1, 12, "'processes' must be a list of processes, not a map"),
                arguments("nested parallel", """
                        processes:
                          - parallel:
                              - parallel: [{name: a, command: run}]
                        """, 3, 9, "parallel groups cannot be nested"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeOnceAtItsLineAndColumn(String kind, String yaml, int line, int column, String fragment) {
        List<Problem> problems = new StackFiles(dir).problems(yaml);

        assertEquals(1, problems.size(), () -> "expected exactly one problem, got " + problems);
        Problem p = problems.getFirst();
        assertTrue(p.message().contains(fragment), () -> "message '" + p.message() + "' lacks '" + fragment + "'");
        assertEquals(line + ":" + column, p.where().line() + ":" + p.where().column(), p::toString);
    }

    @Test
    void anUnknownDependencyIsNeverAnsweredWithTheProcessItself() {
        List<Problem> problems = new StackFiles(dir).problems("""
                processes:
                  - name: a
                    command: run
                    depends_on: [b]
                """);
        assertEquals(List.of("'depends_on' names unknown process 'b'"), problems.stream().map(Problem::message).toList());
    }

    @Test
    void problemsPrintAsFileLineColumnMessageWithThePathAsGiven() {
        Path given = dir.resolve("stack.yaml");
        List<Problem> problems = new StackFiles(dir).problems("processes:\n  - name: a\n");

        assertEquals(given + ":2:5: process 'a' needs a 'command' (only launch_mode: reuse may leave it out)",
                problems.getFirst().toString());
    }

    @Test
    void reportsFiveDifferentMistakesInOneRunInFileOrder() {
        List<Problem> problems = new StackFiles(dir).problems("""
                name: five
                processes:
                  - name: hub
                    command: run
                    stop_signal: TERMINATE
                  - name: hub
                    command: run
                  - name: worker
                    command: run
                    launch_mod: own
                    depends_on: {hub: ready, tts: started}
                    stop_timeout: 5
                """);

        List<String> expected = List.of(
                "5:18: unknown stop_signal 'TERMINATE'",
                "6:11: duplicate process name 'hub' (first declared at line 3)",
                "10:5: unknown field 'launch_mod' — did you mean 'launch_mode'?",
                "11:30: 'depends_on' names unknown process 'tts'",
                "12:19: bad duration for 'stop_timeout': write 5s, not 5");
        assertEquals(expected.size(), problems.size(), problems::toString);
        for (int i = 0; i < expected.size(); i++) {
            Problem p = problems.get(i);
            String actual = p.where().line() + ":" + p.where().column() + ": " + p.message();
            assertTrue(actual.startsWith(expected.get(i)), "expected " + expected.get(i) + ", got " + actual);
        }
    }
}
