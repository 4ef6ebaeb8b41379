package dev.switchboard.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dependency graph of a stack: who waits for whom, in what levels things start,
 * and the reverse for stopping. Node order everywhere follows the stack file.
 */
public final class DependencyGraph {
    private final Map<String, List<Dependency>> dependencies;
    private final Map<String, List<String>> dependents;

    private DependencyGraph(Map<String, List<Dependency>> dependencies) {
        this.dependencies = dependencies;
        Map<String, Set<String>> back = new LinkedHashMap<>();
        dependencies.keySet().forEach(n -> back.put(n, new LinkedHashSet<>()));
        dependencies.forEach((n, deps) -> deps.forEach(d -> {
            Set<String> set = back.get(d.name());
            if (set != null) {
                set.add(n);
            }
        }));
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        back.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.dependents = Collections.unmodifiableMap(frozen);
    }

    /** Builds the graph from nodes (in file order) and their dependencies. */
    public static DependencyGraph of(Map<String, List<Dependency>> nodes) {
        Map<String, List<Dependency>> copy = new LinkedHashMap<>();
        nodes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new DependencyGraph(Collections.unmodifiableMap(copy));
    }

    /** Builds the graph of the given processes from their resolved {@code dependsOn}. */
    public static DependencyGraph of(Collection<ProcessSpec> processes) {
        Map<String, List<Dependency>> nodes = new LinkedHashMap<>();
        processes.forEach(p -> nodes.put(p.name(), p.dependsOn()));
        return of(nodes);
    }

    /** Every node, in file order. */
    public List<String> nodes() {
        return List.copyOf(dependencies.keySet());
    }

    /** The direct dependencies of a node. */
    public List<Dependency> dependenciesOf(String name) {
        return dependencies.getOrDefault(name, List.of());
    }

    /** The nodes that directly depend on this one. */
    public List<String> dependentsOf(String name) {
        return dependents.getOrDefault(name, List.of());
    }

    /** The first cycle found, as the names on it in order with the first repeated at the end. */
    public Optional<List<String>> findCycle() {
        Map<String, Integer> color = new LinkedHashMap<>();
        for (String start : dependencies.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> cycle = visit(start, color, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> visit(String node, Map<String, Integer> color, List<String> path) {
        Integer c = color.get(node);
        if (c != null && c == 2) {
            return Optional.empty();
        }
        if (c != null && c == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        if (!dependencies.containsKey(node)) {
            return Optional.empty();
        }
        color.put(node, 1);
        path.add(node);
        for (Dependency d : dependencies.get(node)) {
            Optional<List<String>> found = visit(d.name(), color, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.removeLast();
        color.put(node, 2);
        return Optional.empty();
    }

    /**
     * Topological levels for starting: level 0 has no dependencies, level n depends on something
     * in level n-1. Requires an acyclic graph.
     */
    public List<List<String>> startLevels() {
        Map<String, Integer> level = new LinkedHashMap<>();
        for (String n : dependencies.keySet()) {
            levelOf(n, level, new LinkedHashSet<>());
        }
        int max = level.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        List<List<String>> levels = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            int li = i;
            // filter the nodes, not the level map: the map holds dependencies first, the file order is wanted
            levels.add(dependencies.keySet().stream().filter(n -> level.get(n) == li).toList());
        }
        return levels;
    }

    private int levelOf(String n, Map<String, Integer> level, Set<String> onPath) {
        Integer known = level.get(n);
        if (known != null) {
            return known;
        }
        if (!onPath.add(n)) {
            throw new IllegalStateException("dependency cycle through " + n);
        }
        int l = 0;
        for (Dependency d : dependenciesOf(n)) {
            if (dependencies.containsKey(d.name())) {
                l = Math.max(l, levelOf(d.name(), level, onPath) + 1);
            }
        }
        onPath.remove(n);
        level.put(n, l);
        return l;
    }

    /** Levels for stopping: dependents before their dependencies. */
    public List<List<String>> stopLevels() {
        List<List<String>> levels = new ArrayList<>(startLevels());
        Collections.reverse(levels);
        return levels;
    }

    /** The node and everything it depends on, transitively, in start order. */
    public List<String> withDependencies(String name) {
        return closure(name, n -> dependenciesOf(n).stream().map(Dependency::name).toList());
    }

    /** The node and everything that depends on it, transitively, in start order. */
    public List<String> withDependents(String name) {
        return closure(name, this::dependentsOf);
    }

    private List<String> closure(String name, java.util.function.Function<String, List<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (dependencies.containsKey(n) && seen.add(n)) {
                todo.addAll(next.apply(n));
            }
        }
        List<String> ordered = new ArrayList<>();
        startLevels().forEach(level -> level.stream().filter(seen::contains).forEach(ordered::add));
        return ordered;
    }
}
