package dev.switchboard.cli;

import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackStatus;

import java.io.Console;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable form of {@code switchboard status}: one row per stack (its overall state) followed
 * by one row per process, columns aligned, the state coloured when writing to a terminal.
 */
final class StatusTable {
    private static final String[] HEADER = {"STACK", "PROCESS", "MODE", "STATE", "PID", "READY-AFTER", "REASON"};
    private static final int STATE = 3;
    private static final String RESET = "\u001b[0m";

    private StatusTable() {
    }

    /** True when stdout is a terminal and the user has not asked for no colour (https://no-color.org). */
    static boolean colourWanted() {
        Console console = System.console();
        String noColor = System.getenv("NO_COLOR");
        return console != null && console.isTerminal() && (noColor == null || noColor.isEmpty());
    }

    /** The table, lines ending in newlines. */
    static String render(List<StackStatus> stacks, boolean colour) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (StackStatus stack : stacks) {
            rows.add(new String[] {stack.name(), "", "", stack.state().id(), "", "", orDash(stack.reason())});
            for (ProcessStatus p : stack.processes()) {
                rows.add(new String[] {
                        stack.name(), p.name(), p.mode().id(), p.state().id(),
                        p.pid() == null ? "-" : p.pid().toString(),
                        p.readyAfterMs() == null ? "-" : StatusFormat.seconds(p.readyAfterMs()),
                        orDash(StatusFormat.reason(p))});
            }
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2);
                if (colour && r > 0 && i == STATE) {
                    // colour after padding, so escape codes do not upset the alignment
                    cell = colourOf(row[i]) + cell.substring(0, row[i].length()) + RESET + cell.substring(row[i].length());
                }
                line.append(cell);
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    private static String colourOf(String state) {
        return switch (state) {
            case "ready", "completed" -> "\u001b[32m";
            case "starting", "stopping", "pending" -> "\u001b[33m";
            case "failed" -> "\u001b[31m";
            default -> "\u001b[2m";
        };
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s.replace('\n', ' ');
    }
}
