package dev.switchboard.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Graph step: unique names, the sequence rule (each item waits for every enabled process of
 * the previous item), explicit {@code depends_on} (names must exist and be enabled) and cycles.
 */
final class GraphCheck {
    /** Most distinct cycles reported in one run; one is usually enough to see the mistake. */
    private static final int MAX_CYCLES = 5;

    private final StackDraft stack;
    private final Problems problems;
    private final Map<String, ProcessDraft> byName = new LinkedHashMap<>();
    /** Where the edge "from waits for to" was written, for explicit edges. */
    private final Map<List<String>, SourceLocation> explicitEdges = new HashMap<>();

    private GraphCheck(StackDraft stack, Problems problems) {
        this.stack = stack;
        this.problems = problems;
    }

    /** Resolves every enabled process's dependencies and builds the graph. */
    static DependencyGraph check(StackDraft stack, Problems problems) {
        return new GraphCheck(stack, problems).check();
    }

    private DependencyGraph check() {
        uniqueNames();
        Map<String, List<Dependency>> nodes = new LinkedHashMap<>();
        List<ProcessDraft> previousItem = List.of();
        List<ProcessDraft> currentItem = new ArrayList<>();
        int current = -1;
        for (ProcessDraft p : stack.enabled()) {
            if (p.name == null || byName.get(p.nameText()) != p) {
                continue; // nameless or a duplicate: already reported, and not a node
            }
            if (p.item != current) {
                if (!currentItem.isEmpty()) {
                    previousItem = currentItem;
                }
                currentItem = new ArrayList<>();
                current = p.item;
            }
            currentItem.add(p);
            p.dependencies = p.dependsOn == null
                    ? previousItem.stream().map(d -> new Dependency(d.nameText(), Condition.READY)).toList()
                    : explicit(p);
            nodes.put(p.nameText(), p.dependencies);
        }
        DependencyGraph graph = DependencyGraph.of(nodes);
        reportCycles(nodes);
        return graph;
    }

    private void uniqueNames() {
        for (ProcessDraft p : stack.processes) {
            if (p.name == null) {
                continue;
            }
            ProcessDraft first = byName.putIfAbsent(p.nameText(), p);
            if (first != null) {
                problems.add(p.name, "duplicate process name '" + p.nameText() + "' (first declared at line "
                        + first.name.where().line() + ")");
            }
        }
    }

    private List<Dependency> explicit(ProcessDraft p) {
        List<Dependency> deps = new ArrayList<>();
        for (ProcessDraft.DependsOn d : p.dependsOn) {
            String name = d.name().text();
            ProcessDraft target = byName.get(name);
            if (target == null) {
                // never suggest the process itself: depending on itself is no fix
                problems.add(d.name(), "'depends_on' names unknown process '" + name + "'"
                        + Suggestions.didYouMean(name, byName.keySet().stream().filter(n -> !n.equals(p.nameText())).toList()));
            } else if (!target.enabled) {
                problems.add(d.name(), "'depends_on' names '" + name + "', which is disabled (enabled: false):"
                        + " enable it or remove it from 'depends_on'");
            } else if (d.condition() == Condition.COMPLETED && target.mode == LaunchMode.REUSE) {
                problems.add(d.name(), "'" + name + "' is reused (never started here), so it never completes:"
                        + " use ready or started");
            } else {
                deps.add(new Dependency(name, d.condition()));
                explicitEdges.put(List.of(p.nameText(), name), d.name().where());
            }
        }
        return deps;
    }

    /** Reports each distinct cycle at the {@code depends_on} entry that closes it. */
    private void reportCycles(Map<String, List<Dependency>> nodes) {
        Map<String, List<Dependency>> remaining = new LinkedHashMap<>(nodes);
        for (int i = 0; i < MAX_CYCLES; i++) {
            Optional<List<String>> found = DependencyGraph.of(remaining).findCycle();
            if (found.isEmpty()) {
                return;
            }
            List<String> cycle = startAtWrittenEdge(found.get());
            String from = cycle.get(0);
            String to = cycle.get(1);
            SourceLocation where = explicitEdges.getOrDefault(List.of(from, to), byName.get(from).where);
            problems.add(where, "dependency cycle: " + String.join(" -> ", cycle));
            remaining.put(from, remaining.get(from).stream().filter(d -> !d.name().equals(to)).toList());
        }
    }

    /**
     * Rotates a cycle (first name repeated at the end) to start at the edge written earliest in a
     * {@code depends_on}: that is where the user can break it.
     */
    private List<String> startAtWrittenEdge(List<String> cycle) {
        List<String> ring = cycle.subList(0, cycle.size() - 1);
        int best = 0;
        int bestLine = Integer.MAX_VALUE;
        for (int i = 0; i < ring.size(); i++) {
            String from = ring.get(i);
            String to = ring.get((i + 1) % ring.size());
            SourceLocation edge = explicitEdges.get(List.of(from, to));
            if (edge != null && edge.line() < bestLine) {
                best = i;
                bestLine = edge.line();
            }
        }
        List<String> rotated = new ArrayList<>(ring.subList(best, ring.size()));
        rotated.addAll(ring.subList(0, best));
        rotated.add(rotated.get(0));
        return rotated;
    }
}
