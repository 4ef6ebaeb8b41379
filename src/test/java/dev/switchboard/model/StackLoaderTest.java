package dev.switchboard.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a valid stack file resolves to: argv, cwd, environment, readiness and defaults. */
class StackLoaderTest {
    @TempDir
    Path dir;

    private StackFiles files;

    private StackSpec load(String yaml) throws StackFileException {
        files = files == null ? new StackFiles(dir) : files;
        return files.load(yaml);
    }

    private StackFiles files() {
        files = files == null ? new StackFiles(dir) : files;
        return files;
    }

    @Test
    void projectCommandRunsThroughUvWithAbsoluteProjectArgsAndConfig() throws Exception {
        Path project = files().folder("server-runtime");
        Path config = files().write("yaml/hub.yaml", "port: 1\n");

        ProcessSpec hub = load("""
                processes:
                  - name: hub
                    project: server-runtime
                    command: xr_media_hub --verbose
                    args: [--port, 8000]
                    config: yaml/hub.yaml
                """).processes().getFirst();

        assertEquals(List.of("uv", "run", "--quiet", "--project", project.toString(), "xr_media_hub", "--verbose",
                "--port", "8000", "--config", config.toString()), hub.argv());
        assertEquals(project, hub.cwd(), "cwd defaults to the project");
        assertTrue(hub.usesReadyFile(), "readiness defaults to the ready file");
    }

    @Test
    void commandWithoutProjectIsTheProgramItself() throws Exception {
        ProcessSpec p = load("""
                processes:
                  - name: web
                    command: [python3, -m, http.server, 8000]
                    args: [--bind, 127.0.0.1]
                """).processes().getFirst();

        assertEquals(List.of("python3", "-m", "http.server", "8000", "--bind", "127.0.0.1"), p.argv());
        assertEquals(dir, p.cwd(), "cwd defaults to base, the stack file's folder");
    }

    @Test
    void stringCommandSplitsLikeAShellWithoutExpandingAnything() throws Exception {
        ProcessSpec p = load("""
                processes:
                  - name: a
                    command: >-
                      python3 -c 'print("a  b")' "$HOME \\"q\\"" \\*.txt a\\ b "" ~/x
                """).processes().getFirst();

        assertEquals(List.of("python3", "-c", "print(\"a  b\")", "$HOME \"q\"", "*.txt", "a b", "", "~/x"), p.argv());
    }

    @Test
    void shellCommandGetsArgsConfigAndTheReadyFilePairAsPositionalParameters() throws Exception {
        Path config = files().write("c.yaml", "x: 1\n");
        ProcessSpec p = load("""
                processes:
                  - name: greeter
                    shell: true
                    command: printf '[%s]' first
                    args: [second]
                    config: c.yaml
                """).processes().getFirst();

        assertEquals(List.of("/bin/sh", "-c", "printf '[%s]' first \"$@\"", "greeter", "second",
                "--config", config.toString()), p.argv());

        // run it as the engine will: with the --ready-file pair appended
        List<String> argv = new java.util.ArrayList<>(p.argv());
        argv.addAll(List.of("--ready-file", "/tmp/r f"));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("[first][second][--config][" + config + "][--ready-file][/tmp/r f]", out);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void environmentMergesStackEnvThenEnvFileThenProcessEnvThenGpu() throws Exception {
        files().write(".env", """
                # comment
                export B=from-file
                C='from file'
                D="quoted \\"d\\""

                CUDA_VISIBLE_DEVICES=7
                """);
        Map<String, String> env = load("""
                name: demo
                env: {A: stack, B: stack, C: stack, NUM: 1.50, FLAG: true, WORD: yes}
                processes:
                  - name: a
                    command: run
                    env_file: .env
                    env: {C: process}
                    gpu: 1
                """).processes().getFirst().env();

        assertEquals(Map.of("A", "stack", "B", "from-file", "C", "process", "D", "quoted \"d\"",
                "NUM", "1.50", "FLAG", "true", "WORD", "yes", "CUDA_VISIBLE_DEVICES", "1",
                "SWITCHBOARD_STACK", "demo", "SWITCHBOARD_PROCESS", "a"), env);
    }

    @Test
    void badEnvFileLinesAreReportedInsideTheEnvFile() {
        Path envFile = files().write("dev.env", "GOOD=1\nnot a line\nQ=\"open\n");
        List<Problem> problems = files().problems("""
                processes:
                  - {name: a, command: run, env_file: dev.env}
                """);

        assertEquals(List.of(envFile + ":2:1: expected KEY=VALUE", envFile + ":3:3: unterminated double quote"),
                problems.stream().map(Problem::toString).toList());
    }

    @Test
    void timeoutsComeFromTheProcessThenDefaultsThenBuiltInValues() throws Exception {
        StackSpec stack = load("""
                defaults: {ready_timeout: 1m30s, stop_timeout: 5s}
                processes:
                  - {name: a, command: run}
                  - {name: b, command: run, stop_timeout: 500ms, ready: {timeout: 2m, interval: 1s}}
                """);
        StackSpec bare = new StackFiles(dir.resolve("other")).load("processes: [{name: c, command: run}]\n");

        ProcessSpec a = stack.process("a").orElseThrow();
        ProcessSpec b = stack.process("b").orElseThrow();
        ProcessSpec c = bare.process("c").orElseThrow();
        assertEquals(Duration.ofSeconds(90), a.ready().timeout());
        assertEquals(Duration.ofSeconds(5), a.stopTimeout());
        assertEquals(ReadySpec.DEFAULT_INTERVAL, a.ready().interval());
        assertEquals(Duration.ofMinutes(2), b.ready().timeout());
        assertEquals(Duration.ofSeconds(1), b.ready().interval());
        assertEquals(Duration.ofMillis(500), b.stopTimeout());
        assertTrue(b.usesReadyFile(), "a ready map without a probe means the ready file");
        assertEquals(ReadySpec.DEFAULT_TIMEOUT, c.ready().timeout());
        assertEquals(StackLoader.DEFAULT_STOP_TIMEOUT, c.stopTimeout());
        assertEquals(StopSignal.TERM, c.stopSignal());
    }

    @Test
    void everyReadinessKindResolvesToItsProbe() throws Exception {
        StackSpec stack = load("""
                processes:
                  - parallel:
                      - {name: port, command: run, ready: {tcp: 8000}}
                      - {name: hostport, command: run, ready: {tcp: "db.local:5432"}}
                      - {name: web, command: run, ready: {http: "http://localhost:8080/health"}}
                      - {name: logs, command: run, ready: {log: "listening on \\\\d+"}}
                      - {name: probe, command: run, ready: {exec: "test -e /tmp/x"}}
                      - {name: spawned, command: run, ready: started}
                      - {name: task, command: run, ready: exited}
                      - {name: flagged, command: run, ready: {exited: true, timeout: 10s}}
                      - {name: touch, command: run, ready: file}
                """);

        Map<String, Probe> probes = stack.processes().stream()
                .collect(java.util.stream.Collectors.toMap(ProcessSpec::name, p -> p.ready().probe()));
        assertEquals(new Probe.Tcp("127.0.0.1", 8000), probes.get("port"));
        assertEquals(new Probe.Tcp("db.local", 5432), probes.get("hostport"));
        assertEquals(new Probe.Http(URI.create("http://localhost:8080/health")), probes.get("web"));
        assertEquals("listening on \\d+", ((Probe.Log) probes.get("logs")).pattern().pattern());
        assertEquals(new Probe.Exec("test -e /tmp/x"), probes.get("probe"));
        assertEquals(new Probe.Started(), probes.get("spawned"));
        assertEquals(new Probe.Exited(), probes.get("task"));
        assertEquals(new Probe.Exited(), probes.get("flagged"));
        assertEquals(new Probe.File(), probes.get("touch"));
    }

    @Test
    void reuseProcessIsProbedOnItsPortOrAssumedReady() throws Exception {
        StackSpec stack = load("""
                processes:
                  - {name: vllm, launch_mode: reuse, port: 8000}
                  - {name: mcp, launch_mode: reuse}
                  - {name: db, launch_mode: reuse, port: 5432, ready: {http: "http://localhost:5432/"}}
                  - {name: cache, launch_mode: persist, port: 6379, command: redis-server}
                """);

        assertEquals(new Probe.Tcp("127.0.0.1", 8000), stack.process("vllm").orElseThrow().ready().probe());
        assertEquals(List.of(), stack.process("vllm").orElseThrow().argv(), "reuse without command has no argv");
        assertEquals(new Probe.Started(), stack.process("mcp").orElseThrow().ready().probe());
        assertEquals("http", stack.process("db").orElseThrow().ready().probe().kind());
        ProcessSpec cache = stack.process("cache").orElseThrow();
        assertEquals(LaunchMode.PERSIST, cache.mode());
        assertEquals(6379, cache.port());
        assertTrue(cache.usesReadyFile(), "port alone does not change the readiness of a spawned process");
    }

    @Test
    void stopSettingsAcceptSignalNamesWithOrWithoutSig() throws Exception {
        StackSpec stack = load("""
                processes:
                  - {name: a, command: run, stop_signal: SIGINT, stop_command: "kill -USR1 'the pid'"}
                  - {name: b, command: run, stop_signal: HUP, stop_command: [curl, -X, POST, /quit]}
                """);

        assertEquals(StopSignal.INT, stack.process("a").orElseThrow().stopSignal());
        assertEquals(List.of("kill", "-USR1", "the pid"), stack.process("a").orElseThrow().stopCommand());
        assertEquals(StopSignal.HUP, stack.process("b").orElseThrow().stopSignal());
        assertEquals(List.of("curl", "-X", "POST", "/quit"), stack.process("b").orElseThrow().stopCommand());
    }

    @Test
    void stackNameDefaultsToTheFileNameAndBaseToItsFolder() throws Exception {
        Path file = files().write("demos/my-stack.yml", "processes: [{name: a, command: run, cwd: sub}]\n");
        files().folder("demos/sub");

        StackSpec stack = StackLoader.load(file);

        assertEquals("my-stack", stack.name());
        assertEquals(file.toAbsolutePath(), stack.file());
        assertEquals(dir.resolve("demos"), stack.base());
        assertEquals(dir.resolve("demos/sub"), stack.processes().getFirst().cwd());
    }

    @Test
    void relativeBaseResolvesAgainstTheStackFolderAndPathsAgainstBase() throws Exception {
        Path project = files().folder("samples/hello/worker");
        Path file = files().write("stacks/hello.yaml", """
                name: hello
                description: says hello
                base: ../samples/hello
                processes:
                  - {name: worker, project: worker, command: my_agent_worker}
                """);

        StackSpec stack = StackLoader.load(file);

        assertEquals("says hello", stack.description());
        assertEquals(dir.resolve("samples/hello"), stack.base());
        assertEquals(project, stack.processes().getFirst().cwd());
        assertEquals(project.toString(), stack.processes().getFirst().argv().get(4));
    }

    @Test
    void disabledProcessIsLeftOutAndItsFoldersAreNotChecked() throws Exception {
        StackSpec stack = load("""
                processes:
                  - {name: hub, command: run}
                  - {name: gpu-box, project: not-on-this-machine, command: run, enabled: false}
                  - {name: worker, command: run}
                """);

        assertEquals(List.of("hub", "worker"), stack.processes().stream().map(ProcessSpec::name).toList());
        assertEquals(List.of(new Dependency("hub", Condition.READY)), stack.process("worker").orElseThrow().dependsOn());
    }

    @Test
    void itemIndexAndParallelFlagFollowTheSequence() throws Exception {
        StackSpec stack = load("""
                processes:
                  - {name: hub, command: run}
                  - parallel:
                      - {name: stt, command: run}
                      - {name: tts, command: run}
                  - {name: worker, command: run}
                """);

        assertEquals(List.of(0, 1, 1, 2), stack.processes().stream().map(ProcessSpec::item).toList());
        assertEquals(List.of(false, true, true, false), stack.processes().stream().map(ProcessSpec::parallel).toList());
        assertEquals(4, stack.processes().get(1).where().line(), "stt is declared on line 4");
    }

    @Test
    void anchorsMergeKeysAndExtensionFieldsAreAccepted() throws Exception {
        StackSpec stack = load("""
                x-common: &common
                  command: run
                  env: {LOG: debug}
                  stop_timeout: 3s
                processes:
                  - {<<: *common, name: a}
                  - <<: *common
                    name: b
                    stop_timeout: 4s
                """);

        assertEquals(List.of("run"), stack.process("a").orElseThrow().argv());
        assertEquals("debug", stack.process("a").orElseThrow().env().get("LOG"));
        assertEquals(Duration.ofSeconds(4), stack.process("b").orElseThrow().stopTimeout(), "written keys win");
    }

    @Test
    void loadingTextValidatesUnsavedContentAgainstTheFilesFolder() throws Exception {
        files().folder("proj");
        StackSpec stack = StackLoader.load(dir.resolve("unsaved.yaml"),
                "processes: [{name: a, project: proj, command: run}]\n");

        assertEquals("unsaved", stack.name());
        assertFalse(stack.processes().isEmpty());
    }
}
