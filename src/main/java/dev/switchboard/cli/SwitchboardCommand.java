package dev.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The top-level {@code switchboard} command; without a subcommand it opens the control panel. */
@Command(name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Starts, watches and stops stacks of cooperating processes declared in YAML.",
        subcommands = {
                GuiCommand.class,
                ValidateCommand.class,
                RunCommand.class,
                UpCommand.class,
                DownCommand.class,
                StartCommand.class,
                StopCommand.class,
                RestartCommand.class,
                StatusCommand.class,
                LogsCommand.class,
                DaemonCommand.class,
                CommandLine.HelpCommand.class
        })
public final class SwitchboardCommand implements Callable<Integer> {

    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: a process failed or something could not be stopped. */
    public static final int FAILED = 1;
    /** Exit code: invalid stack file or usage. */
    public static final int INVALID = 2;
    /** Exit code: interrupted before the stack was ready. */
    public static final int INTERRUPTED = 130;

    @Override
    public Integer call() {
        return new GuiCommand().call();
    }

    /** Parses and runs {@code args}, returning the exit code. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new SwitchboardCommand());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl.execute(args);
    }
}
