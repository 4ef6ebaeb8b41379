package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard run}: not built yet. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'run' is not built yet", SwitchboardCommand.FAILED);
    }
}
