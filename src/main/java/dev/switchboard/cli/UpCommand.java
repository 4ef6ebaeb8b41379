package dev.switchboard.cli;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code switchboard up FILE [--wait]}: starts a stack in the background supervisor service. */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Starts a stack in the background supervisor service, starting the service first if none runs.",
                "The stack keeps running after this command returns, and after the terminal closes;"
                        + " 'switchboard status' shows it and 'switchboard down STACK' stops it.",
                "The stack file is (re)loaded every time, so edits take effect."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the start has begun (with --wait: every process is ready)",
                "1:the start failed (the reason names the process and how it ended)",
                "2:invalid stack file (every problem printed as FILE:LINE:COLUMN: message) or unknown stack"})
public final class UpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The stack file, or the name of a stack the service already knows.")
    String stack;

    @Option(names = "--wait", description = "Print progress and return once every process is ready (exit 0) or the start failed (exit 1).")
    boolean waitForReady;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SupervisorClient client = ClientSupport.connect()) {
            String name = ClientSupport.resolveStack(client, stack, true, err).name();
            if (!waitForReady) {
                StackStatus started = ClientSupport.await(client.beginUp(name), err);
                if (started.state() == StackState.READY) {
                    out.println("stack '" + name + "' is ready");
                } else if (started.state() == StackState.FAILED) {
                    throw new UserException("stack '" + name + "' failed: " + StatusFormat.failure(started),
                            SwitchboardCommand.FAILED);
                } else {
                    out.println("starting stack '" + name + "' in the background; 'switchboard status " + name
                            + "' shows how far it got");
                }
                return SwitchboardCommand.OK;
            }
            long began = System.nanoTime();
            StackStatus result;
            try (StackControl.Subscription _ = ClientSupport.showProgress(client, name, out)) {
                result = ClientSupport.await(client.up(name), err);
            }
            if (result.state() == StackState.FAILED) {
                printStderrTail(client, result, err);
            }
            return finish(result, (System.nanoTime() - began) / 1_000_000, out);
        }
    }

    /** The last lines the failed process wrote to stderr: usually the reason, such as a traceback. */
    private static void printStderrTail(SupervisorClient client, StackStatus result, PrintWriter err) {
        result.processes().stream().filter(p -> p.state() == dev.switchboard.engine.ProcessState.FAILED).findFirst()
                .ifPresent(p -> {
                    try {
                        var lines = client.logs(result.name(), p.name(), dev.switchboard.engine.LogStream.STDERR, 12)
                                .get(5, java.util.concurrent.TimeUnit.SECONDS);
                        if (!lines.isEmpty()) {
                            err.println("last lines of " + p.name() + "'s stderr" + (p.stderrLog() == null ? ""
                                    : " (" + p.stderrLog() + ")") + ":");
                            lines.forEach(l -> err.println("  | " + l.text()));
                            err.flush();
                        }
                    } catch (Exception e) {
                        // the tail is a courtesy: the failure itself is reported anyway
                    }
                });
    }

    /** Exit 0 for a ready stack, else one line saying why not. */
    static int finish(StackStatus result, long millis, PrintWriter out) {
        switch (result.state()) {
            case READY -> {
                out.println("stack '" + result.name() + "' is ready (" + StatusFormat.seconds(millis) + ")");
                out.flush();
                return SwitchboardCommand.OK;
            }
            case FAILED -> throw new UserException("stack '" + result.name() + "' failed: " + StatusFormat.failure(result),
                    SwitchboardCommand.FAILED);
            default -> throw new UserException("stack '" + result.name() + "' did not become ready: it is "
                    + result.state().id() + (result.reason() == null ? "" : " (" + result.reason() + ")"),
                    SwitchboardCommand.FAILED);
        }
    }
}
