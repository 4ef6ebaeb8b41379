package dev.switchboard.cli;

import dev.switchboard.daemon.SupervisorClient;
import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code switchboard logs STACK PROCESS [-n N] [-f] [--stdout|--stderr]}: a process's output. */
@Command(name = "logs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Prints the last lines a process of a stack wrote, from the supervisor service.",
                "By default both streams are shown, interleaved as they were written: the process's stdout lines"
                        + " go to stdout and its stderr lines to stderr (like 'docker logs'), so '2>/dev/null'"
                        + " keeps only stdout. --stdout or --stderr selects one stream.",
                "The full logs are files: 'switchboard status --json' gives their paths."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:printed (with -f: until interrupted)",
                "1:the supervisor service could not be reached or exited while following",
                "2:unknown stack or process"})
public final class LogsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STACK", description = "The stack's name or its stack file.")
    String stack;

    @Parameters(index = "1", paramLabel = "PROCESS", description = "The process whose output to show.")
    String process;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
            description = "How many of the last lines to print (default: ${DEFAULT-VALUE}; 0 with -f: only new lines).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they are written, also after the process restarts, until Ctrl-C.")
    boolean follow;

    @Option(names = "--stdout", description = "Only the process's stdout.")
    boolean stdoutOnly;

    @Option(names = "--stderr", description = "Only the process's stderr.")
    boolean stderrOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (stdoutOnly && stderrOnly) {
            throw new UserException("--stdout and --stderr exclude each other; give neither for both streams",
                    SwitchboardCommand.INVALID);
        }
        if (lines < 0) {
            throw new UserException("-n must be 0 or more, not " + lines, SwitchboardCommand.INVALID);
        }
        LogStream stream = stdoutOnly ? LogStream.STDOUT : stderrOnly ? LogStream.STDERR : null;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SupervisorClient client = ClientSupport.connect()) {
            StackStatus target = ClientSupport.resolveStack(client, stack, false, err);
            ClientSupport.requireProcess(target, process);
            if (!follow) {
                LinePrinter printer = new LinePrinter(out, err, false);
                ClientSupport.await(client.logs(target.name(), process, stream, lines), err).forEach(printer);
                printer.flush();
                return SwitchboardCommand.OK;
            }
            try (StackControl.Subscription _ = ClientSupport.await(client.followLogs(target.name(), process, stream,
                    lines, new LinePrinter(out, err, true), dropped -> {
                        err.println("switchboard: " + dropped + " lines dropped: they came faster than this terminal reads");
                        err.flush();
                    }), err)) {
                client.disconnected().join();
            }
            throw new UserException("the supervisor service exited; stopped following", SwitchboardCommand.FAILED);
        }
    }

    /** Sends each line to the writer of its stream; flushes whenever the stream changes, so they interleave right. */
    private static final class LinePrinter implements java.util.function.Consumer<Event.LogLine> {
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean flushEveryLine;
        private PrintWriter last;

        LinePrinter(PrintWriter out, PrintWriter err, boolean flushEveryLine) {
            this.out = out;
            this.err = err;
            this.flushEveryLine = flushEveryLine;
        }

        @Override
        public void accept(Event.LogLine line) {
            PrintWriter target = line.stream() == LogStream.STDERR ? err : out;
            if (last != null && last != target) {
                last.flush();
            }
            last = target;
            target.println(line.text());
            if (flushEveryLine) {
                target.flush();
            }
        }

        void flush() {
            out.flush();
            err.flush();
        }
    }
}
