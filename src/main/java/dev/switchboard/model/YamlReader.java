package dev.switchboard.model;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parse step: turns YAML text into a {@link YamlNode} tree with a location on every node.
 * SnakeYAML composes the node graph (it keeps marks; Jackson's tree does not); this class
 * converts it, checking what the composer leaves alone: duplicate keys, recursive aliases
 * and alias expansion that would blow up the tree. {@code <<} merge keys are applied.
 */
final class YamlReader {
    /** Most aliases of lists and maps a file may use (SnakeYAML's guard against "billion laughs"). */
    static final int MAX_COLLECTION_ALIASES = 50;
    /** Most nodes the tree may have once aliases are expanded. */
    static final int MAX_NODES = 100_000;

    private static final Set<String> CORE_BOOLEANS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");

    private final Problems problems;
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodeCount;

    private YamlReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads {@code text}; returns null (after reporting why) when there is no usable tree. */
    static YamlNode read(String text, Problems problems) {
        return new YamlReader(problems).read(text);
    }

    /** Conversion stopped: the tree would be too large, or an alias contains itself. */
    private static final class Abort extends RuntimeException {
        Abort() {
            super(null, null, false, false);
        }
    }

    private YamlNode read(String text) {
        Node root;
        try {
            root = new Yaml(options()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(mark == null ? problems.at(1, 1) : at(mark), syntaxMessage(e));
            return null;
        } catch (YAMLException e) {
            // the alias limit is the one composer error without a mark: find the alias ourselves
            SourceLocation where = AliasScan.scan(text, options(), problems).tooManyAt().orElse(problems.at(1, 1));
            problems.add(where, "too many aliases: more than " + MAX_COLLECTION_ALIASES
                    + " aliases of lists or maps; write the values out instead");
            return null;
        }
        if (root == null) {
            problems.add(problems.at(1, 1), "the file is empty: a stack file needs at least 'processes'");
            return null;
        }
        try {
            return convert(root);
        } catch (Abort e) {
            AliasScan scan = AliasScan.scan(text, options(), problems);
            if (scan.recursiveAt().isPresent()) {
                problems.add(scan.recursiveAt().get(), "this alias refers to a list or map that contains it;"
                        + " recursive structures are not allowed");
            } else {
                problems.add(scan.expandsTooMuchAt().orElse(problems.at(1, 1)), "the file expands to more than "
                        + MAX_NODES + " YAML nodes through aliases; write the values out instead");
            }
            return null;
        }
    }

    static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        return options;
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        if (e.getContext() != null && e.getProblem() != null && e.getProblem().startsWith("but ")) {
            // the composer splits one sentence: "expected a single document" / "but found another document"
            return "YAML syntax error: " + e.getContext() + ", " + e.getProblem();
        }
        StringBuilder message = new StringBuilder("YAML syntax error: ").append(e.getProblem());
        if (e.getContext() != null && e.getContextMark() != null) {
            message.append(" (").append(e.getContext()).append(" at line ")
                    .append(e.getContextMark().getLine() + 1).append(')');
        }
        return message.toString();
    }

    private SourceLocation at(Mark mark) {
        return problems.at(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private YamlNode convert(Node node) {
        if (++nodeCount > MAX_NODES || !onPath.add(node)) {
            throw new Abort();
        }
        try {
            return switch (node) {
                case ScalarNode s -> scalar(s);
                case SequenceNode s -> new YamlNode.Sequence(s.getValue().stream().map(this::convert).toList(),
                        at(s.getStartMark()));
                case MappingNode m -> mapping(m);
                default -> throw new IllegalStateException("unknown YAML node " + node);
            };
        } finally {
            onPath.remove(node);
        }
    }

    private YamlNode.Scalar scalar(ScalarNode s) {
        YamlNode.Kind kind = YamlNode.Kind.STRING;
        if (s.isPlain()) {
            Tag tag = s.getTag();
            if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
                kind = YamlNode.Kind.NUMBER;
            } else if (tag.equals(Tag.BOOL) && CORE_BOOLEANS.contains(s.getValue())) {
                kind = YamlNode.Kind.BOOLEAN;
            } else if (tag.equals(Tag.NULL)) {
                kind = YamlNode.Kind.NULL;
            }
        }
        return new YamlNode.Scalar(s.getValue(), kind, !s.isPlain(), at(s.getStartMark()));
    }

    private YamlNode.Mapping mapping(MappingNode m) {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        List<YamlNode.Entry> merged = new ArrayList<>();
        for (NodeTuple tuple : m.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                merged.addAll(mergeSources(tuple.getValueNode()));
                continue;
            }
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problems.add(at(keyNode.getStartMark()), "a key must be a name, not a list or map");
                continue;
            }
            YamlNode.Scalar key = scalar(keyScalar);
            YamlNode value = convert(tuple.getValueNode());
            YamlNode.Entry first = entries.get(key.text());
            if (first != null) {
                problems.add(key, "duplicate key '" + key.text() + "' (first at line " + first.key().where().line() + ")");
            } else {
                entries.put(key.text(), new YamlNode.Entry(key, value));
            }
        }
        // merged keys never override keys written in the map itself, and the first merge source wins
        merged.forEach(e -> entries.putIfAbsent(e.name(), e));
        return new YamlNode.Mapping(List.copyOf(entries.values()), at(m.getStartMark()));
    }

    private List<YamlNode.Entry> mergeSources(Node value) {
        List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        List<YamlNode.Entry> entries = new ArrayList<>();
        for (Node source : sources) {
            if (convert(source) instanceof YamlNode.Mapping map) {
                entries.addAll(map.entries());
            } else {
                problems.add(at(source.getStartMark()), "'<<' merges maps only: give it a map or a list of maps");
            }
        }
        return entries;
    }
}
