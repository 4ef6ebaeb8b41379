package dev.switchboard.cli;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code switchboard stop STACK [PROCESS]}: stops a whole stack, or one process and what depends on it. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {
                "Stops one process of a stack in the supervisor service, after stopping what depends on it,"
                        + " and waits until it has stopped. A persist process named here is stopped too; persist"
                        + " processes that depend on it stay running.",
                "Without PROCESS, stops the whole stack like 'down' (persist processes stay)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped",
                "1:it could not be stopped",
                "2:unknown stack or process"})
public final class StopCommand implements Callable<Integer> {

    @Mixin
    StackAndProcess args;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SupervisorClient client = ClientSupport.connect()) {
            StackStatus target = args.resolve(client, err);
            if (args.process == null) {
                return DownCommand.report(ClientSupport.await(client.down(target.name(), false), err), false, out);
            }
            try (StackControl.Subscription _ = ClientSupport.showProgress(client, target.name(), out)) {
                return requireStopped(ClientSupport.await(client.stop(target.name(), args.process), err), args.process, out);
            }
        }
    }

    /** 0 when the process no longer runs, else one line naming it. */
    static int requireStopped(StackStatus result, String process, PrintWriter out) {
        ProcessStatus p = ClientSupport.requireProcess(result, process);
        if (p.state().isActive()) {
            throw new UserException("could not stop '" + process + "' of stack '" + result.name() + "'"
                    + (p.pid() == null ? "" : " (pid " + p.pid() + ")") + ": it is " + p.state().id(),
                    SwitchboardCommand.FAILED);
        }
        out.println("'" + process + "' of stack '" + result.name() + "' is " + p.state().id());
        out.flush();
        return SwitchboardCommand.OK;
    }
}
