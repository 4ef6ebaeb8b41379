package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard restart}: not built yet. */
@Command(name = "restart", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class RestartCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'restart' is not built yet", SwitchboardCommand.FAILED);
    }
}
