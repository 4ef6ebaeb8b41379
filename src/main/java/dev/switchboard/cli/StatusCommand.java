package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard status}: not built yet. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class StatusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'status' is not built yet", SwitchboardCommand.FAILED);
    }
}
