package dev.switchboard.ui.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text with ANSI escape sequences into styled segments. SGR colours and bold become CSS style
 * classes ({@code ansi-fg-red}, {@code ansi-bold}, …); every other escape sequence (cursor movement,
 * OSC titles, …) is dropped, so raw escape codes never reach the screen.
 */
public final class Ansi {
    private static final String[] COLOURS = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};
    private static final char ESC = 0x1b;

    private Ansi() {
    }

    /** A run of text drawn with the given style classes (possibly none). */
    public record Segment(String text, List<String> styleClasses) {
        public Segment {
            styleClasses = List.copyOf(styleClasses);
        }
    }

    /** The text without any escape sequences or other control characters (tabs kept). */
    public static String strip(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (Segment s : parse(text)) {
            out.append(s.text());
        }
        return out.toString();
    }

    /** Splits the text into styled segments, dropping escape sequences. */
    public static List<Segment> parse(String text) {
        List<Segment> segments = new ArrayList<>();
        if (text.indexOf(ESC) < 0 && !hasControl(text)) {
            segments.add(new Segment(text, List.of()));
            return segments;
        }
        Style style = new Style();
        StringBuilder run = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ESC) {
                flush(segments, run, style);
                i = escape(text, i + 1, style);
            } else {
                if (c == '\t' || c >= 0x20 && c != 0x7f) {
                    run.append(c);
                }
                i++;
            }
        }
        flush(segments, run, style);
        return segments;
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static void flush(List<Segment> segments, StringBuilder run, Style style) {
        if (!run.isEmpty()) {
            segments.add(new Segment(run.toString(), style.classes()));
            run.setLength(0);
        }
    }

    /** Consumes the sequence after ESC at {@code i}; returns the index after it. */
    private static int escape(String text, int i, Style style) {
        int n = text.length();
        if (i >= n) {
            return n;
        }
        char kind = text.charAt(i);
        if (kind == '[') {
            int j = i + 1;
            while (j < n && (text.charAt(j) < 0x40 || text.charAt(j) > 0x7e)) {
                j++;
            }
            if (j < n && text.charAt(j) == 'm') {
                style.apply(text.substring(i + 1, j));
            }
            return Math.min(j + 1, n);
        }
        if (kind == ']') {
            // OSC: ends with BEL or ESC backslash
            int j = i + 1;
            while (j < n) {
                char c = text.charAt(j);
                if (c == 0x07) {
                    return j + 1;
                }
                if (c == ESC && j + 1 < n && text.charAt(j + 1) == '\\') {
                    return j + 2;
                }
                j++;
            }
            return n;
        }
        // two-character sequences such as ESC ( B
        return kind == '(' || kind == ')' ? Math.min(i + 2, n) : i + 1;
    }

    /** The SGR attributes in force. */
    private static final class Style {
        String fg;
        String bg;
        boolean bold;
        boolean dim;
        boolean italic;
        boolean underline;

        void apply(String params) {
            if (params.isEmpty()) {
                reset();
                return;
            }
            String[] parts = params.split(";", -1);
            for (int k = 0; k < parts.length; k++) {
                int code = parse(parts[k]);
                switch (code) {
                    case 0 -> reset();
                    case 1 -> bold = true;
                    case 2 -> dim = true;
                    case 3 -> italic = true;
                    case 4 -> underline = true;
                    case 22 -> { bold = false; dim = false; }
                    case 23 -> italic = false;
                    case 24 -> underline = false;
                    case 39 -> fg = null;
                    case 49 -> bg = null;
                    case 38, 48 -> {
                        // 256-colour and RGB forms: map the 16 basic indexes, skip the rest
                        String colour = null;
                        if (k + 2 < parts.length && parse(parts[k + 1]) == 5) {
                            int idx = parse(parts[k + 2]);
                            colour = idx >= 0 && idx < 16 ? basic(idx % 8, idx >= 8) : null;
                            k += 2;
                        } else if (k + 4 < parts.length && parse(parts[k + 1]) == 2) {
                            k += 4;
                        }
                        if (code == 38) {
                            fg = colour;
                        } else {
                            bg = colour;
                        }
                    }
                    default -> {
                        if (code >= 30 && code <= 37) {
                            fg = basic(code - 30, false);
                        } else if (code >= 90 && code <= 97) {
                            fg = basic(code - 90, true);
                        } else if (code >= 40 && code <= 47) {
                            bg = basic(code - 40, false);
                        } else if (code >= 100 && code <= 107) {
                            bg = basic(code - 100, true);
                        }
                    }
                }
            }
        }

        private static String basic(int index, boolean bright) {
            return (bright ? "bright-" : "") + COLOURS[index];
        }

        private static int parse(String s) {
            try {
                return s.isEmpty() ? 0 : Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        void reset() {
            fg = null;
            bg = null;
            bold = false;
            dim = false;
            italic = false;
            underline = false;
        }

        List<String> classes() {
            List<String> out = new ArrayList<>(3);
            if (fg != null) {
                out.add("ansi-fg-" + fg);
            }
            if (bg != null) {
                out.add("ansi-bg-" + bg);
            }
            if (bold) {
                out.add("ansi-bold");
            }
            if (dim) {
                out.add("ansi-dim");
            }
            if (italic) {
                out.add("ansi-italic");
            }
            if (underline) {
                out.add("ansi-underline");
            }
            return out;
        }
    }
}
