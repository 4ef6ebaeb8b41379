package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard up}: not built yet. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class UpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'up' is not built yet", SwitchboardCommand.FAILED);
    }
}
