package dev.switchboard.engine;

import dev.switchboard.model.StackFileException;
import dev.switchboard.model.StackLoader;
import dev.switchboard.model.StackSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new supervisor's first act: reads the journal, re-opens every stack that has entries, takes
 * back each recorded process that is still alive (same pid and start time), and marks the others
 * failed ("ended while the supervisor was down").
 */
final class Reattacher {
    private static final Logger LOG = LoggerFactory.getLogger(Reattacher.class);

    private final Function<StackSpec, StackRuntime> register;
    private final EngineContext ctx;

    Reattacher(Function<StackSpec, StackRuntime> register, EngineContext ctx) {
        this.register = register;
        this.ctx = ctx;
    }

    /** Re-adopts everything in the journal; runs on the loop thread. */
    void reattachAll() {
        Map<String, List<JournalEntry>> byStack = ctx.journal().readAll().stream()
                .collect(Collectors.groupingBy(JournalEntry::stack, LinkedHashMap::new, Collectors.toList()));
        byStack.forEach(this::reattachStack);
    }

    private void reattachStack(String stackName, List<JournalEntry> entries) {
        Path file = Path.of(entries.getFirst().stackFile());
        StackSpec spec;
        try {
            spec = StackLoader.load(file);
        } catch (StackFileException e) {
            LOG.warn("cannot re-adopt the processes of {}: its stack file no longer loads:\n{}", stackName, e.getMessage());
            return;
        }
        StackRuntime stack;
        try {
            stack = register.apply(spec);
        } catch (RuntimeException e) {
            LOG.warn("cannot re-adopt the processes of {}: {}", stackName, e.getMessage());
            return;
        }
        for (JournalEntry entry : entries) {
            ProcessRuntime p = stack.procs.get(entry.process());
            var alive = ctx.launcher().adopt(entry.pid(), entry.startTicks());
            if (p == null) {
                LOG.warn("{}/{} (pid {}) is no longer in {}; leaving it alone", stackName, entry.process(),
                        entry.pid(), file);
                continue;
            }
            if (alive.isPresent()) {
                stack.reattach(p, alive.get(), entry);
            } else {
                ctx.journal().remove(stackName, entry.process(), entry.pid());
                stack.markEndedWhileAway(p, entry);
            }
        }
        stack.updateStackState();
    }
}
