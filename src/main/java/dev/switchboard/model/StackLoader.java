package dev.switchboard.model;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a stack file. Loading is a pipeline of small steps, each adding the
 * problems it finds: parse ({@link YamlReader}) → shape and types ({@link StackShape},
 * {@link ProcessShape}, {@link ReadyShape}) → resolve ({@link ProcessResolver}) → graph
 * ({@link GraphCheck}) → filesystem ({@link FilesystemCheck}). A bad file reports every problem
 * found, in file order, in one {@link StackFileException}.
 */
public final class StackLoader {
    /** Fields of the top-level map (keys starting with {@code x-} are also allowed and ignored). */
    public static final Set<String> STACK_FIELDS = fields("name", "description", "base", "env", "defaults", "processes");
    /** Fields of {@code defaults}. */
    public static final Set<String> DEFAULTS_FIELDS = fields("ready_timeout", "stop_timeout");
    /** Fields of a process map. */
    public static final Set<String> PROCESS_FIELDS = fields("name", "command", "project", "shell", "args", "config",
            "cwd", "env", "env_file", "gpu", "launch_mode", "port", "ready", "depends_on", "stop_signal",
            "stop_timeout", "stop_command", "enabled");
    /** Fields of a {@code parallel} group item. */
    public static final Set<String> GROUP_FIELDS = fields("parallel");
    /** Fields of a {@code ready} map: one probe, plus timeout and interval. */
    public static final Set<String> READY_FIELDS = fields("file", "tcp", "http", "log", "exec", "started", "exited",
            "timeout", "interval");
    /** Default grace before SIGKILL when neither the process nor {@code defaults} set one. */
    public static final java.time.Duration DEFAULT_STOP_TIMEOUT = java.time.Duration.ofSeconds(20);

    private StackLoader() {
    }

    private static Set<String> fields(String... names) {
        return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of(names)));
    }

    /**
     * Loads the stack file at {@code file}; problem locations use the path as given.
     *
     * @throws StackFileException listing every problem, if the file cannot be read or is not a valid stack
     */
    public static StackSpec load(Path file) throws StackFileException {
        Problems problems = new Problems(file);
        String text;
        try {
            text = TextFiles.read(file);
        } catch (TextFiles.TooLarge e) {
            problems.add(problems.at(1, 1), "the file is larger than 1 MiB (" + e.size
                    + " bytes); a stack file is a few KiB, so this is probably the wrong file");
            throw new StackFileException(problems.inFileOrder());
        } catch (CharacterCodingException e) {
            problems.add(problems.at(1, 1), "the file is not UTF-8 text");
            throw new StackFileException(problems.inFileOrder());
        } catch (IOException e) {
            problems.add(problems.at(1, 1), "cannot read the stack file: " + TextFiles.reason(e));
            throw new StackFileException(problems.inFileOrder());
        }
        return load(file, text);
    }

    /**
     * Validates {@code text} as if it were the content of {@code file} (for editors that check
     * unsaved text); relative paths still resolve against the file's folder.
     *
     * @throws StackFileException listing every problem, if the text is not a valid stack
     */
    public static StackSpec load(Path file, String text) throws StackFileException {
        Problems problems = new Problems(file);
        YamlNode root = YamlReader.read(text, problems);
        if (root == null) {
            throw new StackFileException(problems.inFileOrder());
        }
        StackDraft draft = StackShape.read(root, problems);
        ProcessResolver.resolve(draft, file.toAbsolutePath().normalize(), problems);
        draft.graph = GraphCheck.check(draft, problems);
        FilesystemCheck.check(draft, problems);
        if (!problems.isEmpty()) {
            throw new StackFileException(problems.inFileOrder());
        }
        return assemble(draft);
    }

    private static StackSpec assemble(StackDraft stack) {
        List<ProcessSpec> processes = stack.enabled().stream().map(p -> new ProcessSpec(
                p.nameText(),
                p.argv,
                p.cwdPath,
                environment(stack, p),
                p.mode,
                p.port,
                p.readySpec,
                p.dependencies,
                p.stopSignal,
                p.stopTimeout != null ? p.stopTimeout
                        : stack.stopTimeout != null ? stack.stopTimeout : DEFAULT_STOP_TIMEOUT,
                p.stopCommand,
                p.item,
                p.parallel,
                p.where)).toList();
        return new StackSpec(stack.stackName, stack.description, stack.stackFile, stack.basePath,
                processes, stack.graph);
    }

    /** Stack env, then env_file, then process env, then gpu, then Switchboard's own variables. */
    private static Map<String, String> environment(StackDraft stack, ProcessDraft p) {
        Map<String, String> env = new LinkedHashMap<>(stack.env);
        env.putAll(p.fileEnv);
        env.putAll(p.env);
        if (p.gpu != null) {
            env.put("CUDA_VISIBLE_DEVICES", p.gpu);
        }
        env.put("SWITCHBOARD_STACK", stack.stackName);
        env.put("SWITCHBOARD_PROCESS", p.nameText());
        return env;
    }
}
