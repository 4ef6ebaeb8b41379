package dev.switchboard.cli;

import picocli.CommandLine.Parameters;

/** The {@code STACK [PROCESS]} arguments of start, stop and restart. */
final class StackAndProcess {
    @Parameters(index = "0", paramLabel = "STACK", description = "The stack's name or its stack file.")
    String stack;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PROCESS", description = "One process of the stack.")
    String process;
}
