package dev.switchboard.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolve step: the stack name and base folder, absolute paths, argv and readiness of every
 * process, with the defaults the file left out. Touches no file: {@link FilesystemCheck} does.
 */
final class ProcessResolver {
    /** The uv invocation that runs a command inside a uv project. */
    static final List<String> UV_RUN = List.of("uv", "run", "--quiet", "--project");
    /** Program that runs {@code shell: true} commands. */
    static final String SHELL = "/bin/sh";

    private final StackDraft stack;
    private final Problems problems;

    private ProcessResolver(StackDraft stack, Problems problems) {
        this.stack = stack;
        this.problems = problems;
    }

    /** Resolves {@code stack}, read from {@code absoluteFile}. */
    static void resolve(StackDraft stack, Path absoluteFile, Problems problems) {
        new ProcessResolver(stack, problems).resolve(absoluteFile);
    }

    private void resolve(Path file) {
        stack.stackFile = file;
        stack.stackName = stackName(file);
        Path folder = file.getParent();
        stack.basePath = stack.base == null ? folder : folder.resolve(stack.base.text()).normalize();
        for (ProcessDraft p : stack.processes) {
            paths(p);
            p.argv = argv(p);
            p.readySpec = ready(p);
        }
    }

    private String stackName(Path file) {
        if (stack.name != null) {
            if (!ProcessShape.NAME.matcher(stack.name.text()).matches()) {
                problems.add(stack.name, "'" + stack.name.text() + "' is not a valid stack name: use letters,"
                        + " digits, '_', '.' and '-', starting with a letter or digit");
            }
            return stack.name.text();
        }
        String fromFile = file.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
        if (!ProcessShape.NAME.matcher(fromFile).matches()) {
            problems.add(problems.at(1, 1), "the file name gives the stack name '" + fromFile
                    + "', which is not valid: add a 'name' (letters, digits, '_', '.' and '-')");
        }
        return fromFile;
    }

    private void paths(ProcessDraft p) {
        p.projectPath = resolve(p.project);
        p.configPath = resolve(p.config);
        p.envFilePath = resolve(p.envFile);
        Path cwd = resolve(p.cwd);
        p.cwdPath = cwd != null ? cwd : p.projectPath != null ? p.projectPath : stack.basePath;
    }

    private Path resolve(YamlNode.Scalar path) {
        return path == null ? null : stack.basePath.resolve(path.text()).normalize();
    }

    /** {@code [uv run --quiet --project P] (command… | /bin/sh -c "command \"$@\"" name) args… [--config C]}. */
    static List<String> argv(ProcessDraft p) {
        if (p.command == null) {
            return List.of();
        }
        List<String> argv = new ArrayList<>();
        if (p.projectPath != null) {
            argv.addAll(UV_RUN);
            argv.add(p.projectPath.toString());
        }
        if (p.shell) {
            // "$@" hands the args, --config and the engine's --ready-file pair to the command
            argv.addAll(List.of(SHELL, "-c", p.shellCommand + " \"$@\"", p.nameText() == null ? "sh" : p.nameText()));
        } else {
            argv.addAll(p.command);
        }
        argv.addAll(p.args);
        if (p.configPath != null) {
            argv.add("--config");
            argv.add(p.configPath.toString());
        }
        return argv;
    }

    private ReadySpec ready(ProcessDraft p) {
        ProcessDraft.Ready written = p.ready;
        Probe probe = written == null ? null : written.probe();
        if (probe == null) {
            probe = defaultProbe(p);
        } else if (p.mode == LaunchMode.REUSE && isSpawnOnly(probe)) {
            problems.add(written.where(), "process '" + p.nameText() + "' is reused (never started here), so"
                    + " 'ready: " + probe.kind() + "' cannot work: use tcp, http, exec or started");
        }
        var timeout = written != null && written.timeout() != null ? written.timeout()
                : stack.readyTimeout != null ? stack.readyTimeout : ReadySpec.DEFAULT_TIMEOUT;
        var interval = written != null && written.interval() != null ? written.interval() : ReadySpec.DEFAULT_INTERVAL;
        return new ReadySpec(probe, timeout, interval);
    }

    private static Probe defaultProbe(ProcessDraft p) {
        if (p.mode != LaunchMode.REUSE) {
            return new Probe.File();
        }
        return p.port != null ? new Probe.Tcp(ReadyShape.DEFAULT_HOST, p.port) : new Probe.Started();
    }

    /** Probes that watch the process we spawned, so they mean nothing for a reused one. */
    private static boolean isSpawnOnly(Probe probe) {
        return probe instanceof Probe.File || probe instanceof Probe.Log || probe instanceof Probe.Exited;
    }
}
