package io.cloudbrowser.protocol.policy;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The WHATWG URL Standard's host parser for http(s)/ws(s) URLs, the way browsers read a host: the
 * host is percent-decoded, mapped to ASCII (full-width digits and dots become ASCII ones), and
 * then read as IPv4 if it ends in a number. Differing from the browser here is how SSRF filters
 * get bypassed, so spellings like {@code %31%32%37.0.0.1} or {@code １２７。０。０。１} must land on
 * 127.0.0.1 exactly as Chromium does.
 */
final class HostParser {
    /** Forbidden domain code points besides C0 controls, space and DEL. */
    private static final String FORBIDDEN = "#%/:<>?@[\\]^|";

    private HostParser() {
    }

    static Host parse(String input) throws InvalidUrlException {
        if (input.isEmpty()) {
            throw new InvalidUrlException("missing host");
        }
        if (input.startsWith("[")) {
            if (!input.endsWith("]")) {
                throw new InvalidUrlException("unterminated IPv6 address");
            }
            return new Host.Ip(Ipv6Parser.parse(input.substring(1, input.length() - 1)));
        }
        String ascii = toAscii(percentDecode(input));
        if (ascii.isEmpty()) {
            throw new InvalidUrlException("missing host");
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (c <= 0x20 || c == 0x7f || FORBIDDEN.indexOf(c) >= 0) {
                throw new InvalidUrlException("forbidden character in host");
            }
        }
        if (Ipv4Parser.endsInNumber(ascii)) {
            return new Host.Ip(Ipv4Parser.parse(ascii));
        }
        return new Host.Domain(ascii);
    }

    /** Percent-decodes to bytes, then reads them as UTF-8 (malformed sequences become U+FFFD). */
    private static String percentDecode(String input) {
        if (input.indexOf('%') < 0) {
            return input;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = input.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Domain to ASCII. The standard uses UTS #46; java.net.IDN implements IDNA 2003, which maps
     * the same way for everything that could spell an address (NFKC folds full-width forms, and
     * U+3002/U+FF0E/U+FF61 are dots). Names that differ between the two are resolved like any
     * other name, so the difference cannot hide an address literal.
     */
    private static String toAscii(String domain) throws InvalidUrlException {
        if (domain.chars().allMatch(c -> c < 128)) {
            return domain.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlException("invalid international domain name");
        }
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
