package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard start}: not built yet. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class StartCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'start' is not built yet", SwitchboardCommand.FAILED);
    }
}
