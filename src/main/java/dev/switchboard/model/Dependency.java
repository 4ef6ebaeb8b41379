package dev.switchboard.model;

/** An edge of the dependency graph: this process waits until {@code name} reaches {@code condition}. */
public record Dependency(String name, Condition condition) {
}
