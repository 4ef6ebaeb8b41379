package dev.switchboard.cli;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code switchboard start STACK [PROCESS]}: starts a whole stack, or one process and what it depends on. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {
                "Starts one process of a stack in the supervisor service, after starting what it depends on,"
                        + " and waits until it is ready. Without PROCESS, starts the whole stack (like 'up --wait')."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ready",
                "1:the start failed",
                "2:unknown stack or process"})
public final class StartCommand implements Callable<Integer> {

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
                if (args.process == null) {
                    return UpCommand.finish(ClientSupport.await(client.up(target.name()), err),
                            (System.nanoTime() - began) / 1_000_000, out);
                }
                return requireReady(ClientSupport.await(client.start(target.name(), args.process), err), args.process, out);
            }
        }
    }

    /** 0 when the process is ready (or a completed one-shot), else one line saying why not. */
    static int requireReady(StackStatus result, String process, PrintWriter out) {
        ProcessStatus p = ClientSupport.requireProcess(result, process);
        if (p.state() == ProcessState.READY || p.state() == ProcessState.COMPLETED) {
            out.println("'" + process + "' of stack '" + result.name() + "' is " + p.state().id());
            out.flush();
            return SwitchboardCommand.OK;
        }
        String reason = StatusFormat.reason(p);
        throw new UserException("'" + process + "' of stack '" + result.name() + "' is " + p.state().id()
                + (reason == null ? "" : ": " + reason), SwitchboardCommand.FAILED);
    }
}
