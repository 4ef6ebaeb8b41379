package dev.switchboard.model;

import java.nio.file.Path;

/** A place in a stack file, 1-based. */
public record SourceLocation(Path file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
