package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard stop}: not built yet. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class StopCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'stop' is not built yet", SwitchboardCommand.FAILED);
    }
}
