package io.cloudbrowser.protocol.policy;

/**
 * The first steps of the WHATWG URL parser: what a browser strips before reading a URL, and where
 * the scheme ends. {@code " java\tscript:..."} is a javascript: URL to a browser, so it must be
 * one to the policy too.
 */
final class UrlSyntax {
    private UrlSyntax() {
    }

    /** Strips leading and trailing C0 controls and spaces, and removes every tab, CR and LF. */
    static String clean(String url) {
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= 0x20) {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= 0x20) {
            end--;
        }
        StringBuilder out = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = url.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Index of the ':' ending a valid scheme ({@code ALPHA *(ALPHA / DIGIT / "+" / "-" / ".")}), or -1. */
    static int schemeEnd(String url) {
        if (url.isEmpty() || !isAsciiAlpha(url.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAsciiAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isAsciiAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
