package dev.switchboard.cli;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code switchboard restart STACK [PROCESS]}: stops then starts a stack or one process. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {
                "Restarts one process of a stack in the supervisor service: stops it and what depends on it,"
                        + " then starts them again and waits until they are ready. Persist processes that depend"
                        + " on it stay running (they are stopped only when named).",
                "Without PROCESS, restarts the whole stack (persist processes that are still running are adopted,"
                        + " not restarted)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ready again",
                "1:the stop or the start failed",
                "2:unknown stack or process"})
public final class RestartCommand implements Callable<Integer> {

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
            long began = System.nanoTime();
            try (StackControl.Subscription _ = ClientSupport.showProgress(client, target.name(), out)) {
                if (args.process != null) {
                    return StartCommand.requireReady(ClientSupport.await(client.restart(target.name(), args.process), err),
                            args.process, out);
                }
                DownCommand.report(ClientSupport.await(client.down(target.name(), false), err), false, out);
                return UpCommand.finish(ClientSupport.await(client.up(target.name()), err),
                        (System.nanoTime() - began) / 1_000_000, out);
            }
        }
    }
}
