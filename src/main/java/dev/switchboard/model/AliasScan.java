package dev.switchboard.model;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the alias at which a YAML text crosses one of {@link YamlReader}'s limits. The composed
 * node graph cannot tell, because there an alias simply is the node its anchor names; the
 * event stream still has every alias with its position.
 */
final class AliasScan {
    private static final class Open {
        final String anchor;
        long size = 1;

        Open(String anchor) {
            this.anchor = anchor;
        }
    }

    private final Problems problems;
    private final Map<String, Long> sizes = new HashMap<>();
    private final Set<String> collectionAnchors = new HashSet<>();
    private final Deque<Open> open = new ArrayDeque<>();
    private long total;
    private int collectionAliases;
    private SourceLocation tooMany;
    private SourceLocation recursive;
    private SourceLocation expands;

    private AliasScan(Problems problems) {
        this.problems = problems;
    }

    /** Scans {@code text}; finds nothing if the text has no such alias (or stops parsing before it). */
    static AliasScan scan(String text, LoaderOptions options, Problems problems) {
        AliasScan scan = new AliasScan(problems);
        try {
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                scan.accept(event);
            }
        } catch (YAMLException ignored) {
            // the reader reports syntax errors; here only the aliases before it matter
        }
        return scan;
    }

    /** The first alias past {@link YamlReader#MAX_COLLECTION_ALIASES} aliases of lists and maps. */
    Optional<SourceLocation> tooManyAt() {
        return Optional.ofNullable(tooMany);
    }

    /** The first alias used inside the node its anchor names. */
    Optional<SourceLocation> recursiveAt() {
        return Optional.ofNullable(recursive);
    }

    /** The alias at which the expanded tree grows past {@link YamlReader#MAX_NODES} nodes. */
    Optional<SourceLocation> expandsTooMuchAt() {
        return Optional.ofNullable(expands);
    }

    private void accept(Event event) {
        switch (event) {
            case ScalarEvent s -> {
                total++;
                grow(1);
                if (s.getAnchor() != null) {
                    sizes.put(s.getAnchor(), 1L);
                }
            }
            case CollectionStartEvent c -> {
                total++;
                open.push(new Open(c.getAnchor()));
                if (c.getAnchor() != null) {
                    collectionAnchors.add(c.getAnchor());
                }
            }
            case CollectionEndEvent ignored -> {
                Open closed = open.pop();
                if (closed.anchor != null) {
                    sizes.put(closed.anchor, closed.size);
                }
                grow(closed.size);
            }
            case AliasEvent a -> alias(a);
            default -> {
            }
        }
    }

    private void alias(AliasEvent a) {
        String anchor = a.getAnchor();
        if (collectionAnchors.contains(anchor) && ++collectionAliases > YamlReader.MAX_COLLECTION_ALIASES
                && tooMany == null) {
            tooMany = at(a.getStartMark());
        }
        if (open.stream().anyMatch(o -> anchor.equals(o.anchor))) {
            if (recursive == null) {
                recursive = at(a.getStartMark());
            }
            return;
        }
        long size = sizes.getOrDefault(anchor, 1L);
        total = saturated(total + size);
        grow(size);
        if (total > YamlReader.MAX_NODES && expands == null) {
            expands = at(a.getStartMark());
        }
    }

    private void grow(long size) {
        if (!open.isEmpty()) {
            open.peek().size = saturated(open.peek().size + size);
        }
    }

    /** Sizes only matter up to the limit; capping them keeps nested aliases from overflowing a long. */
    private static long saturated(long size) {
        return Math.min(size, YamlReader.MAX_NODES + 1L);
    }

    private SourceLocation at(Mark mark) {
        return problems.at(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
