package io.cloudbrowser.protocol.policy;

/**
 * Where an http(s) or ws(s) URL points, read like a browser reads it: any run of '/' or '\' after
 * the scheme, an authority ending at the first '/', '\', '?' or '#', and the host after the
 * authority's last '@'. So {@code http://evil.com@127.0.0.1/} goes to 127.0.0.1 and
 * {@code http://127.0.0.1#@evil.com/} too.
 *
 * @param port the explicit port, or the scheme's default
 */
record NetworkUrl(Host host, int port) {
    private static final String AUTHORITY_END = "/\\?#";

    static NetworkUrl parse(String afterScheme, int defaultPort) throws InvalidUrlException {
        int start = 0;
        while (start < afterScheme.length() && "/\\".indexOf(afterScheme.charAt(start)) >= 0) {
            start++;
        }
        int end = start;
        while (end < afterScheme.length() && AUTHORITY_END.indexOf(afterScheme.charAt(end)) < 0) {
            end++;
        }
        String authority = afterScheme.substring(start, end);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = portColon(hostAndPort);
        if (colon < 0) {
            return new NetworkUrl(HostParser.parse(hostAndPort), defaultPort);
        }
        String host = hostAndPort.substring(0, colon);
        return new NetworkUrl(HostParser.parse(host), port(hostAndPort.substring(colon + 1), defaultPort));
    }

    /** The first ':' outside IPv6 brackets, or -1. */
    private static int portColon(String hostAndPort) {
        boolean inBrackets = false;
        for (int i = 0; i < hostAndPort.length(); i++) {
            char c = hostAndPort.charAt(i);
            if (c == '[') {
                inBrackets = true;
            } else if (c == ']') {
                inBrackets = false;
            } else if (c == ':' && !inBrackets) {
                return i;
            }
        }
        return -1;
    }

    private static int port(String digits, int defaultPort) throws InvalidUrlException {
        if (digits.isEmpty()) {
            return defaultPort;
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidUrlException("invalid port");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 5 || Integer.parseInt(significant) > 65535) {
            throw new InvalidUrlException("port out of range");
        }
        return Integer.parseInt(significant);
    }
}
