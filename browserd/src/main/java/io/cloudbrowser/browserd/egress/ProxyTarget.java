package io.cloudbrowser.browserd.egress;

import java.util.Locale;

/**
 * Reads a proxy request's target into the URL the policy judges. The policy parses it exactly like the browser,
 * and the proxy connects to the address the policy returns, so what is judged is what is reached.
 */
final class ProxyTarget {
    /** Characters that would make a CONNECT target more than {@code host:port}. */
    private static final String NOT_IN_AUTHORITY = "/\\?#@ ";

    private ProxyTarget() {
    }

    /** {@code CONNECT host:port}: judged as https (wss gets the same checks); null when it is not host:port. */
    static String ofConnect(String authority) {
        if (authority.isEmpty() || authority.chars().anyMatch(c -> NOT_IN_AUTHORITY.indexOf(c) >= 0 || c < 0x20)) {
            return null;
        }
        return "https://" + authority;
    }

    /** An absolute-form request target: http (ws when upgrading); null for anything else, e.g. origin-form. */
    static String ofAbsoluteForm(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("ws://") ? uri : null;
    }

    /** {@code http://host:port/path?q} becomes {@code /path?q}; the fragment never goes on the wire. */
    static String originForm(String absolute) {
        int start = absolute.indexOf("//") + 2;
        int end = start;
        while (end < absolute.length() && "/\\?#".indexOf(absolute.charAt(end)) < 0) {
            end++;
        }
        String rest = absolute.substring(end);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        return rest.startsWith("/") ? rest : "/" + rest;
    }
}
