package io.cloudbrowser.browserd.browser;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Rewrites the refs of a Playwright aria snapshot (AI mode) line by line. Playwright puts a ref on every element
 * with a box; agents act on interactive ones, and pay per token for the rest, so only interactive roles and
 * elements with a pointer cursor keep a ref (renamed by the caller), the others lose theirs, and the
 * {@code [cursor=pointer]} mark goes once the ref says the same. Only a line's head (role, quoted name,
 * {@code [...]} marks) is parsed: text after it, which the page controls, is never read as a ref.
 */
final class SnapshotText {
    /** ARIA widget roles (WAI-ARIA 1.2, 5.3.2) plus the composite ones an agent types into or picks from. */
    static final Set<String> INTERACTIVE = Set.of("button", "checkbox", "combobox", "gridcell", "link", "listbox",
            "menuitem", "menuitemcheckbox", "menuitemradio", "option", "radio", "scrollbar", "searchbox", "slider",
            "spinbutton", "switch", "tab", "textbox", "treeitem");
    private static final String POINTER = "[cursor=pointer]";

    private SnapshotText() {
    }

    /**
     * @param rename called with Playwright's ref of each element that keeps one, in document order; returns the
     *               ref to print
     */
    static String rewrite(String snapshot, UnaryOperator<String> rename) {
        StringBuilder out = new StringBuilder(snapshot.length());
        int start = 0;
        while (start < snapshot.length()) {
            int end = snapshot.indexOf('\n', start);
            end = end < 0 ? snapshot.length() : end;
            line(snapshot, start, end, rename, out);
            if (end < snapshot.length()) {
                out.append('\n');
            }
            start = end + 1;
        }
        return out.toString();
    }

    private static void line(String s, int start, int end, UnaryOperator<String> rename, StringBuilder out) {
        int i = start;
        while (i < end && s.charAt(i) == ' ') {
            i++;
        }
        if (!s.startsWith("- ", i)) {
            out.append(s, start, end);
            return;
        }
        i += 2;
        if (i < end && s.charAt(i) == '\'') {
            i++; // YAML-quoted key: the same head inside single quotes
        }
        int roleStart = i;
        while (i < end && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-')) {
            i++;
        }
        String role = s.substring(roleStart, i);
        if (s.startsWith(" \"", i)) {
            i = afterQuoted(s, i + 1, end);
        }
        out.append(s, start, i);
        String ref = null;
        boolean pointer = false;
        int marks = i;
        while (s.startsWith(" [", i)) {
            int close = s.indexOf(']', i);
            if (close < 0 || close >= end) {
                break;
            }
            String mark = s.substring(i + 1, close + 1);
            if (mark.startsWith("[ref=")) {
                ref = mark.substring(5, mark.length() - 1);
            } else if (mark.equals(POINTER)) {
                pointer = true;
            }
            i = close + 1;
        }
        boolean keep = ref != null && (pointer || INTERACTIVE.contains(role));
        for (int m = marks; m < i; ) {
            int close = s.indexOf(']', m);
            String mark = s.substring(m + 1, close + 1);
            if (mark.startsWith("[ref=")) {
                if (keep) {
                    out.append(" [ref=").append(rename.apply(ref)).append(']');
                }
            } else if (!(keep && mark.equals(POINTER))) {
                out.append(' ').append(mark);
            }
            m = close + 1;
        }
        out.append(s, i, end);
    }

    /** The index after a JSON-style quoted string that starts at {@code quote}. */
    private static int afterQuoted(String s, int quote, int end) {
        for (int i = quote + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return end;
    }
}
