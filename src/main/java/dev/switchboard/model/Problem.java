package dev.switchboard.model;

/** One thing wrong with a stack file, printed as {@code FILE:LINE:COLUMN: message}. */
public record Problem(SourceLocation where, String message) {
    @Override
    public String toString() {
        return where + ": " + message;
    }
}
