package dev.switchboard.ui.stack;

import dev.switchboard.model.StackFileException;
import dev.switchboard.model.StackSpec;

import java.nio.file.Path;

/**
 * Reads a stack file into its definition. The control panel reads files itself for what the
 * supervisor's status does not carry: the dependency edges and parallel groups it draws, and the
 * line and column of every problem. Called off the FX thread.
 */
@FunctionalInterface
public interface StackDefinitions {
    /** Loads and validates the file. */
    StackSpec load(Path file) throws StackFileException;
}
