package dev.amortizer.data;

/**
 * User-supplied text made safe to put in a message: quoted, control and format characters escaped (so an ANSI
 * escape never reaches the terminal and a newline never forges a line), and capped at {@value #MAX_CHARS}
 * characters with an ellipsis and the full length, so a 20 MB cell cannot become a 20 MB message.
 *
 * <p>{@code throw new IllegalArgumentException(file + ", row 3: not a number: " + Quoted.of(cell));}
 */
public final class Quoted {
    /** The most characters of the text a message shows. */
    public static final int MAX_CHARS = 80;

    private Quoted() {
    }

    /** {@code 'text'}, escaped and capped; {@code null} for null. */
    public static String of(CharSequence text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 32).append('\'');
        appendEscaped(out, text, true);
        out.append('\'');
        appendLength(out, text);
        return out.toString();
    }

    /** The text escaped and capped but not quoted: for a whole message that quotes user input itself. */
    public static String plain(CharSequence text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 32);
        appendEscaped(out, text, false);
        appendLength(out, text);
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, CharSequence text, boolean escapeQuote) {
        int shown = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append(escapeQuote ? "\\\\" : "\\");
                case '\'' -> out.append(escapeQuote ? "\\'" : "'");
                default -> {
                    int type = Character.getType(c);
                    // Controls (ESC among them), bidi overrides and other invisible formats, lone surrogates.
                    if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                            || type == Character.UNASSIGNED || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > shown) {
            out.append('…');
        }
    }

    private static void appendLength(StringBuilder out, CharSequence text) {
        if (text.length() > MAX_CHARS) {
            out.append(" (").append(text.length()).append(" characters)");
        }
    }
}
