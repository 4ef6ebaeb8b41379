package dev.switchboard.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code switchboard validate}: not built yet. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'validate' is not built yet", SwitchboardCommand.FAILED);
    }
}
