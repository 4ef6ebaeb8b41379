package dev.switchboard.cli;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.daemon.WireCodec;
import dev.switchboard.engine.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code switchboard status [STACK] [--json]}: states, pids, exit codes and log paths. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Shows every stack the supervisor service knows (or one), with each process's launch mode, state,"
                        + " pid, time to ready and the reason it failed or stopped. Starts the service if none runs.",
                "The table is coloured on a terminal unless NO_COLOR is set. --json prints"
                        + " {\"stacks\":[{\"name\",\"file\",\"state\",\"processes\":[{\"name\",\"mode\",\"state\",\"pid\","
                        + "\"exit_code\",\"signal\",\"reason\",\"ready_after_ms\",\"stdout_log\",\"stderr_log\"}]}]}."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:shown",
                "1:the supervisor service could not be reached",
                "2:unknown stack or invalid stack file"})
public final class StatusCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "STACK", description = "Only this stack: its name or its stack file.")
    String stack;

    @Option(names = "--json", description = "Print the status as JSON (the format above) for scripts.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SupervisorClient client = ClientSupport.connect()) {
            List<StackStatus> stacks = stack == null
                    ? ClientSupport.await(client.status(), err)
                    : List.of(ClientSupport.resolveStack(client, stack, false, err));
            if (json) {
                out.println(WireCodec.contractStatus(stacks).toString());
            } else if (stacks.isEmpty()) {
                out.println("no stacks: start one with 'switchboard up FILE'");
            } else {
                out.print(StatusTable.render(stacks, StatusTable.colourWanted()));
            }
            out.flush();
            return SwitchboardCommand.OK;
        }
    }
}
