package dev.switchboard.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The window's remembered layout and choices, in a small properties file in the config folder
 * ({@code gui.properties}): size and position, split positions, theme, recent files, the last stack.
 */
public final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private final Path file;
    private final Properties values = new Properties();

    private Settings(Path file) {
        this.file = file;
    }

    /** Reads the file if it exists; a missing or unreadable file gives the defaults. */
    public static Settings load(Path file) {
        Settings s = new Settings(file);
        if (file != null && Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                s.values.load(r);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("ignoring unreadable settings {}: {}", file, e.toString());
            }
        }
        return s;
    }

    /** Writes the file (atomically); failures are logged, never shown: they only cost remembered layout. */
    public void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                values.store(w, "Switchboard control panel");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not save settings {}: {}", file, e.toString());
        }
    }

    /** A number, or {@code fallback} when absent or not a number. */
    public double getNumber(String key, double fallback) {
        try {
            String v = values.getProperty(key);
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Stores a number. */
    public void setNumber(String key, double value) {
        values.setProperty(key, Double.toString(value));
    }

    /** A text, or {@code fallback}. */
    public String getText(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    /** Stores a text; null removes it. */
    public void setText(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
    }

    /** A flag. */
    public boolean getFlag(String key) {
        return Boolean.parseBoolean(values.getProperty(key));
    }

    /** Stores a flag. */
    public void setFlag(String key, boolean value) {
        values.setProperty(key, Boolean.toString(value));
    }

    /** A list stored as key.0, key.1, … */
    public List<String> getList(String key) {
        List<String> out = new ArrayList<>();
        for (int i = 0; values.containsKey(key + "." + i); i++) {
            out.add(values.getProperty(key + "." + i));
        }
        return out;
    }

    /** Stores a list. */
    public void setList(String key, List<String> items) {
        values.keySet().removeIf(k -> k.toString().startsWith(key + "."));
        for (int i = 0; i < items.size(); i++) {
            values.setProperty(key + "." + i, items.get(i));
        }
    }
}
