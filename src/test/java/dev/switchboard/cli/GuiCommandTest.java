package dev.switchboard.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuiCommandTest {

    @Test
    void aMissingStackFileIsOneLineAndExitCode2() {
        Cli.Result r = Cli.run("gui", "no-such-stack.yaml");
        assertEquals(SwitchboardCommand.INVALID, r.code());
        assertEquals("switchboard: no-such-stack.yaml: no such stack file", r.err().strip());
    }

    @Test
    void withoutADisplayItSaysSoInOneLine() {
        UserException e = assertThrows(UserException.class, () -> GuiCommand.requireDisplay(Map.of(), null));
        assertEquals(SwitchboardCommand.FAILED, e.exitCode());
        assertTrue(e.getMessage().startsWith("no display"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        assertDoesNotThrow(() -> GuiCommand.requireDisplay(Map.of("DISPLAY", ":0"), null));
        assertDoesNotThrow(() -> GuiCommand.requireDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), null));
        assertDoesNotThrow(() -> GuiCommand.requireDisplay(Map.of(), "Headless"));
    }

    @Test
    void helpDescribesTheWindow() {
        Cli.Result r = Cli.run("gui", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("closing the window leaves running stacks running"), r.out());
    }
}
