package dev.switchboard.cli;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.model.LaunchMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code switchboard down STACK [--persist]}: stops a stack and waits until it has stopped. */
@Command(name = "down", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Stops a stack in the supervisor service and waits until it has stopped: dependents first,"
                        + " each process with its stop signal, then SIGKILL after its stop_timeout.",
                "Processes with launch_mode: persist are left running unless --persist is given;"
                        + " reuse processes are never touched."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped (persist processes may be left running, as asked)",
                "1:something could not be stopped",
                "2:unknown stack"})
public final class DownCommand implements Callable<Integer> {

    @Parameters(paramLabel = "STACK", description = "The stack's name or its stack file.")
    String stack;

    @Option(names = "--persist", description = "Also stop processes with launch_mode: persist.")
    boolean persist;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SupervisorClient client = ClientSupport.connect()) {
            String name = ClientSupport.resolveStack(client, stack, false, err).name();
            StackStatus result = ClientSupport.await(client.down(name, persist), err);
            return report(result, persist, out);
        }
    }

    /** Prints what was stopped and what was left; 1 if a process that should have stopped still runs. */
    static int report(StackStatus result, boolean persist, PrintWriter out) {
        List<ProcessStatus> stillRunning = result.processes().stream()
                .filter(p -> p.state().isActive() && p.mode() != LaunchMode.REUSE)
                .toList();
        List<ProcessStatus> leftRunning = stillRunning.stream()
                .filter(p -> p.mode() == LaunchMode.PERSIST && !persist)
                .toList();
        List<ProcessStatus> notStopped = stillRunning.stream().filter(p -> !leftRunning.contains(p)).toList();
        if (!notStopped.isEmpty()) {
            throw new UserException("stack '" + result.name() + "': could not stop " + StatusFormat.names(notStopped),
                    SwitchboardCommand.FAILED);
        }
        out.println("stopped stack '" + result.name() + "'");
        if (!leftRunning.isEmpty()) {
            out.println("left running (persist): " + StatusFormat.names(leftRunning) + "; 'switchboard down "
                    + result.name() + " --persist' stops them too");
        }
        out.flush();
        return SwitchboardCommand.OK;
    }
}
