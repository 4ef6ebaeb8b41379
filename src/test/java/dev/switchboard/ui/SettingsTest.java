package dev.switchboard.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void windowLayoutThemeAndRecentFilesSurviveARestart(@TempDir Path dir) {
        Path file = dir.resolve("config/gui.properties");
        Settings s = Settings.load(file);
        s.setNumber("window.width", 1111);
        s.setText("theme", "dark");
        s.setList("recent", List.of("/a.yaml", "/b.yaml"));
        s.setFlag("notice.keepsRunning", true);
        s.save();

        Settings again = Settings.load(file);
        assertEquals(1111, again.getNumber("window.width", 0));
        assertEquals("dark", again.getText("theme", null));
        assertEquals(List.of("/a.yaml", "/b.yaml"), again.getList("recent"));
        assertTrue(again.getFlag("notice.keepsRunning"));
        again.setList("recent", List.of("/c.yaml"));
        assertEquals(List.of("/c.yaml"), again.getList("recent"), "a shorter list leaves no stale entries");
    }

    @Test
    void aCorruptFileGivesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gui.properties");
        Files.writeString(file, "window.width=wide\n\\u12");
        Settings s = Settings.load(file);
        assertEquals(800, s.getNumber("window.width", 800));
    }
}
