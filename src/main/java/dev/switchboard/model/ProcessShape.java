package dev.switchboard.model;

import dev.switchboard.model.YamlNode.Entry;
import dev.switchboard.model.YamlNode.Kind;
import dev.switchboard.model.YamlNode.Mapping;
import dev.switchboard.model.YamlNode.Scalar;
import dev.switchboard.model.YamlNode.Sequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Shape step for one process map: field names, types and values that need no other context. */
final class ProcessShape {
    /** What a process name may look like. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private static final List<String> MODES = Arrays.stream(LaunchMode.values()).map(LaunchMode::id).toList();
    private static final List<String> SIGNALS = List.of("TERM", "INT", "HUP", "QUIT", "USR1", "USR2", "KILL");
    private static final List<String> CONDITIONS = Arrays.stream(Condition.values()).map(Condition::id).toList();

    private final FieldReader reader;
    private final ProcessDraft draft;
    private final Map<String, Entry> fields;

    private ProcessShape(Mapping map, int item, boolean parallel, FieldReader reader) {
        this.reader = reader;
        this.draft = new ProcessDraft(item, parallel, map.where());
        this.fields = reader.fields(map, StackLoader.PROCESS_FIELDS, "a process");
    }

    /** Reads one process map of top-level item {@code item}. */
    static ProcessDraft read(Mapping map, int item, boolean parallel, FieldReader reader) {
        ProcessShape shape = new ProcessShape(map, item, parallel, reader);
        shape.read();
        return shape.draft;
    }

    private Optional<Entry> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    private void read() {
        field("name").flatMap(reader::nonEmptyString).ifPresent(this::name);
        field("enabled").flatMap(reader::bool).ifPresent(b -> draft.enabled = b);
        boolean modeOk = field("launch_mode").map(this::launchMode).orElse(true);
        field("shell").flatMap(reader::bool).ifPresent(b -> draft.shell = b);
        field("command").ifPresent(this::command);
        field("project").flatMap(reader::nonEmptyString).ifPresent(s -> draft.project = s);
        field("cwd").flatMap(reader::nonEmptyString).ifPresent(s -> draft.cwd = s);
        field("config").flatMap(reader::nonEmptyString).ifPresent(s -> draft.config = s);
        field("env_file").flatMap(reader::nonEmptyString).ifPresent(s -> draft.envFile = s);
        field("args").flatMap(reader::words).ifPresent(w -> draft.args = w);
        field("env").ifPresent(e -> draft.env.putAll(reader.env(e)));
        field("gpu").ifPresent(this::gpu);
        field("port").flatMap(reader::port).ifPresent(p -> draft.port = p);
        field("ready").ifPresent(e -> draft.ready = ReadyShape.read(e, reader).orElse(null));
        field("depends_on").ifPresent(this::dependsOn);
        field("stop_signal").ifPresent(this::stopSignal);
        field("stop_timeout").flatMap(e -> reader.duration(e, false)).ifPresent(d -> draft.stopTimeout = d);
        field("stop_command").flatMap(reader::command).ifPresent(c -> draft.stopCommand = c);

        if (!fields.containsKey("name")) {
            reader.problems().add(draft.where, "a process needs a 'name'");
        }
        if (!fields.containsKey("command") && modeOk && draft.mode != LaunchMode.REUSE) {
            String who = draft.name == null ? "this process" : "process '" + draft.name.text() + "'";
            reader.problems().add(draft.where, who + " needs a 'command' (only launch_mode: reuse may leave it out)");
        }
    }

    private void name(Scalar s) {
        if (!NAME.matcher(s.text()).matches()) {
            reader.problems().add(s, "'" + s.text() + "' is not a valid process name: use letters, digits,"
                    + " '_', '.' and '-', starting with a letter or digit");
        }
        draft.name = s;
    }

    private boolean launchMode(Entry e) {
        Optional<Scalar> s = reader.string(e);
        if (s.isEmpty()) {
            return false;
        }
        String text = s.get().text();
        if (!MODES.contains(text)) {
            reader.problems().add(s.get(), "unknown launch_mode '" + text + "'"
                    + Suggestions.didYouMean(text, MODES) + " (use own, persist or reuse)");
            return false;
        }
        draft.mode = LaunchMode.valueOf(text.toUpperCase(Locale.ROOT));
        return true;
    }

    private void command(Entry e) {
        if (!draft.shell) {
            reader.command(e).ifPresent(words -> draft.command = words);
        } else if (e.value() instanceof Scalar s && s.kind() == Kind.STRING) {
            reader.nonEmptyString(e).ifPresent(c -> {
                draft.shellCommand = c.text();
                draft.command = List.of(c.text());
            });
        } else {
            reader.wrongType(e, "a string when 'shell' is true");
        }
    }

    private void gpu(Entry e) {
        if (e.value() instanceof Scalar s && (s.kind() == Kind.STRING && !s.text().isBlank()
                || s.kind() == Kind.NUMBER && s.text().matches("\\d+"))) {
            draft.gpu = s.text().strip();
        } else {
            reader.wrongType(e, "a GPU index such as 0 or a list such as \"0,1\"");
        }
    }

    private void stopSignal(Entry e) {
        reader.string(e).ifPresent(s -> {
            String name = s.text().startsWith("SIG") ? s.text().substring(3) : s.text();
            if (SIGNALS.contains(name)) {
                draft.stopSignal = StopSignal.valueOf(name);
            } else {
                String bare = s.text().regionMatches(true, 0, "SIG", 0, 3) ? s.text().substring(3) : s.text();
                reader.problems().add(s, "unknown stop_signal '" + s.text() + "'"
                        + Suggestions.didYouMean(bare, SIGNALS) + " (use " + String.join(", ", SIGNALS) + ")");
            }
        });
    }

    private void dependsOn(Entry e) {
        List<ProcessDraft.DependsOn> deps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (e.value() instanceof Sequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof Scalar s && s.kind() == Kind.STRING) {
                    addDependency(deps, seen, s, Condition.READY);
                } else {
                    reader.problems().add(item, "each item of 'depends_on' must be a process name, not " + item.describe());
                }
            }
        } else if (e.value() instanceof Mapping map) {
            for (Entry dep : map.entries()) {
                condition(dep).ifPresent(c -> addDependency(deps, seen, dep.key(), c));
            }
        } else {
            reader.wrongType(e, "a list of process names or a map of name: condition");
            return;
        }
        draft.dependsOn = deps;
    }

    private void addDependency(List<ProcessDraft.DependsOn> deps, Set<String> seen, Scalar name, Condition c) {
        if (seen.add(name.text())) {
            deps.add(new ProcessDraft.DependsOn(name, c));
        } else {
            reader.problems().add(name, "'" + name.text() + "' is listed twice in 'depends_on'");
        }
    }

    private Optional<Condition> condition(Entry dep) {
        if (!(dep.value() instanceof Scalar s) || s.kind() != Kind.STRING) {
            reader.problems().add(dep.valueWhere(), "the condition for '" + dep.name()
                    + "' must be ready, started or completed, not " + dep.value().describe());
            return Optional.empty();
        }
        if (!CONDITIONS.contains(s.text())) {
            reader.problems().add(s, "unknown condition '" + s.text() + "' for '" + dep.name() + "'"
                    + Suggestions.didYouMean(s.text(), CONDITIONS) + " (use ready, started or completed)");
            return Optional.empty();
        }
        return Optional.of(Condition.valueOf(s.text().toUpperCase(Locale.ROOT)));
    }
}
