package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard logs}: not built yet. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class LogsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'logs' is not built yet", SwitchboardCommand.FAILED);
    }
}
