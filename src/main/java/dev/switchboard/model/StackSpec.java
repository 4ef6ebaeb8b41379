package dev.switchboard.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated stack file.
 *
 * @param name        the stack's name (default: the file name without .yaml/.yml)
 * @param description free text, may be empty
 * @param file        absolute path of the stack file
 * @param base        absolute folder relative paths were resolved against
 * @param processes   enabled processes in file order
 * @param graph       the dependency graph of {@code processes}
 */
public record StackSpec(String name, String description, Path file, Path base,
                        List<ProcessSpec> processes, DependencyGraph graph) {

    public StackSpec {
        processes = List.copyOf(processes);
    }

    /** The process with this name, if the stack has it. */
    public Optional<ProcessSpec> process(String processName) {
        return processes.stream().filter(p -> p.name().equals(processName)).findFirst();
    }

    /** Processes by name, in file order. */
    public Map<String, ProcessSpec> byName() {
        var map = new java.util.LinkedHashMap<String, ProcessSpec>();
        processes.forEach(p -> map.put(p.name(), p));
        return map;
    }
}
