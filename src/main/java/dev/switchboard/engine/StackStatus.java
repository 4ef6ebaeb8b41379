package dev.switchboard.engine;

import java.util.List;

/**
 * An immutable snapshot of one stack.
 *
 * @param name        stack name
 * @param file        absolute path of its stack file
 * @param description free text from the file
 * @param state       overall state
 * @param reason      the failure that ended the last start, or null
 * @param processes   every enabled process, in file order
 */
public record StackStatus(String name, String file, String description, StackState state, String reason,
                          List<ProcessStatus> processes) {
    public StackStatus {
        processes = List.copyOf(processes);
    }

    /** The process with this name, or null. */
    public ProcessStatus process(String processName) {
        return processes.stream().filter(p -> p.name().equals(processName)).findFirst().orElse(null);
    }
}
