package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard down}: not built yet. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class DownCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'down' is not built yet", SwitchboardCommand.FAILED);
    }
}
