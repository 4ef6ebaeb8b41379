package dev.switchboard.model;

import dev.switchboard.model.YamlNode.Entry;
import dev.switchboard.model.YamlNode.Mapping;

import java.util.List;
import java.util.Map;

/**
 * Shape step for the top level: checks the fields of the stack and the structure of
 * {@code processes} (process maps and {@code parallel} groups), and hands each process
 * map to {@link ProcessShape}.
 */
final class StackShape {
    /** Top-level keys starting with this are extension fields, ignored (a place for YAML anchors). */
    static final String EXTENSION_PREFIX = "x-";

    private final FieldReader reader;
    private final StackDraft draft = new StackDraft();

    private StackShape(Problems problems) {
        this.reader = new FieldReader(problems);
    }

    /** Reads the tree into a draft, reporting every shape and type problem. */
    static StackDraft read(YamlNode root, Problems problems) {
        return new StackShape(problems).read(root);
    }

    private StackDraft read(YamlNode root) {
        if (!(root instanceof Mapping top)) {
            reader.problems().add(root, "a stack file must be a map with 'processes', not " + root.describe());
            return draft;
        }
        Map<String, Entry> f = reader.fields(top, StackLoader.STACK_FIELDS, "a stack",
                name -> name.startsWith(EXTENSION_PREFIX));
        entry(f, "name").flatMap(reader::nonEmptyString).ifPresent(s -> draft.name = s);
        entry(f, "description").flatMap(reader::string).ifPresent(s -> draft.description = s.text());
        entry(f, "base").flatMap(reader::nonEmptyString).ifPresent(s -> draft.base = s);
        entry(f, "env").ifPresent(e -> draft.env.putAll(reader.env(e)));
        entry(f, "defaults").ifPresent(this::defaults);
        Entry processes = f.get("processes");
        if (processes == null) {
            reader.problems().add(top, "the stack has no 'processes': list at least one process");
        } else {
            reader.list(processes, "a list of processes").ifPresent(this::items);
        }
        return draft;
    }

    private static java.util.Optional<Entry> entry(Map<String, Entry> fields, String name) {
        return java.util.Optional.ofNullable(fields.get(name));
    }

    private void defaults(Entry e) {
        reader.map(e, "a map such as {ready_timeout: 120s, stop_timeout: 20s}").ifPresent(m -> {
            Map<String, Entry> f = reader.fields(m, StackLoader.DEFAULTS_FIELDS, "'defaults'");
            entry(f, "ready_timeout").flatMap(t -> reader.duration(t, true)).ifPresent(d -> draft.readyTimeout = d);
            entry(f, "stop_timeout").flatMap(t -> reader.duration(t, false)).ifPresent(d -> draft.stopTimeout = d);
        });
    }

    private void items(YamlNode.Sequence list) {
        if (list.items().isEmpty()) {
            reader.problems().add(list, "'processes' is empty: list at least one process");
        }
        List<YamlNode> items = list.items();
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            if (item instanceof Mapping m && m.entry("parallel").isPresent()) {
                group(i, m);
            } else if (item instanceof Mapping m) {
                draft.processes.add(ProcessShape.read(m, i, false, reader));
            } else {
                reader.problems().add(item, "each item of 'processes' must be a process (a map) or"
                        + " {parallel: [...]}, not " + item.describe());
            }
        }
    }

    private void group(int index, Mapping m) {
        Map<String, Entry> f = reader.fields(m, StackLoader.GROUP_FIELDS, "a parallel group");
        reader.list(f.get("parallel"), "a list of processes").ifPresent(members -> {
            if (members.items().isEmpty()) {
                reader.problems().add(members, "'parallel' is empty: list at least one process");
            }
            for (YamlNode member : members.items()) {
                if (member instanceof Mapping pm && pm.entry("parallel").isPresent()) {
                    reader.problems().add(pm, "parallel groups cannot be nested: list the processes directly");
                } else if (member instanceof Mapping pm) {
                    draft.processes.add(ProcessShape.read(pm, index, true, reader));
                } else {
                    reader.problems().add(member, "each member of 'parallel' must be a process (a map), not "
                            + member.describe());
                }
            }
        });
    }
}
