package dev.switchboard.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems every loading step finds, so one run reports all of them.
 * Problems sort by where they belong in the stack file; a problem inside another file
 * (an {@code env_file}) sorts at the stack-file place that named that file.
 */
final class Problems {
    private record Found(SourceLocation sortKey, int seq, Problem problem) {
    }

    private static final Comparator<Found> FILE_ORDER = Comparator
            .comparingInt((Found f) -> f.sortKey().line())
            .thenComparingInt(f -> f.sortKey().column())
            .thenComparingInt(Found::seq);

    private final Path file;
    private final List<Found> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    /** The stack file as the user named it; every location in it uses this path. */
    Path file() {
        return file;
    }

    /** A location in the stack file. */
    SourceLocation at(int line, int column) {
        return new SourceLocation(file, line, column);
    }

    void add(SourceLocation where, String message) {
        add(where, where, message);
    }

    void add(YamlNode node, String message) {
        add(node.where(), message);
    }

    /** A problem at {@code where} (possibly in another file) listed at {@code sortKey} of the stack file. */
    void add(SourceLocation sortKey, SourceLocation where, String message) {
        found.add(new Found(sortKey, found.size(), new Problem(where, message)));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Every problem, in file order. */
    List<Problem> inFileOrder() {
        return found.stream().sorted(FILE_ORDER).map(Found::problem).toList();
    }
}
