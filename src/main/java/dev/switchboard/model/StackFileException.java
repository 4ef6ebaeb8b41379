package dev.switchboard.model;

import java.util.List;
import java.util.stream.Collectors;

/** A stack file that cannot be used; carries every problem found, in file order. */
public final class StackFileException extends Exception {
    private final List<Problem> problems;

    /** Creates the exception for a non-empty list of problems. */
    public StackFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<Problem> problems() {
        return problems;
    }
}
