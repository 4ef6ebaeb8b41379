package dev.switchboard.cli;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.StackStatus;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** The {@code STACK [PROCESS]} arguments of start, stop and restart. */
final class StackAndProcess {
    @Parameters(index = "0", paramLabel = "STACK", description = "The stack's name or its stack file.")
    String stack;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PROCESS", description = "One process of the stack.")
    String process;

    /** The named stack, opened in the service if STACK is a file; fails with the known names if PROCESS is not in it. */
    StackStatus resolve(SupervisorClient client, PrintWriter err) {
        StackStatus target = ClientSupport.resolveStack(client, stack, false, err);
        if (process != null) {
            ClientSupport.requireProcess(target, process);
        }
        return target;
    }
}
