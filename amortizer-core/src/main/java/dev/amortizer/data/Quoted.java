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
        appendEscaped(out, text, true, MAX_CHARS);
        out.append('\'');
        appendLength(out, text, MAX_CHARS);
        return out.toString();
    }

    /** The text escaped and capped but not quoted: for a name inside a message, or a library's whole message. */
    public static String plain(CharSequence text) {
        return plain(text, MAX_CHARS);
    }

    /** {@link #plain(CharSequence)} with another cap, for a parser's message whose point may come late. */
    public static String plain(CharSequence text, int maxChars) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 32);
        appendEscaped(out, text, false, maxChars);
        appendLength(out, text, maxChars);
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, CharSequence text, boolean escapeQuote, int maxChars) {
        int shown = Math.min(text.length(), maxChars);
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

    private static void appendLength(StringBuilder out, CharSequence text, int maxChars) {
        if (text.length() > maxChars) {
            out.append(" (").append(text.length()).append(" characters)");
        }
    }
}
