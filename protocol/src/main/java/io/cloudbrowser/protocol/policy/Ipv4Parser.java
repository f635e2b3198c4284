package io.cloudbrowser.protocol.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The WHATWG URL Standard's IPv4 parser, which browsers use: a host that "ends in a number" is an
 * IPv4 address written with 1 to 4 parts, each decimal, octal ({@code 0177}) or hex ({@code 0x7f}),
 * the last part filling the remaining bytes. So {@code 2130706433}, {@code 0x7f.1} and
 * {@code 127.1} all mean 127.0.0.1. java.net does not accept these spellings, hence this class.
 */
final class Ipv4Parser {
    private static final BigInteger BYTE_LIMIT = BigInteger.valueOf(256);

    private Ipv4Parser() {
    }

    /** True when the browser would treat this (already lower-cased ASCII) host as IPv4. */
    static boolean endsInNumber(String host) {
        List<String> parts = parts(host);
        if (parts.isEmpty()) {
            return false;
        }
        String last = parts.get(parts.size() - 1);
        return (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) || number(last) != null;
    }

    static InetAddress parse(String host) throws InvalidUrlException {
        List<String> parts = parts(host);
        if (parts.isEmpty() || parts.size() > 4) {
            throw new InvalidUrlException("invalid IPv4 address");
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String part : parts) {
            BigInteger n = number(part);
            if (n == null) {
                throw new InvalidUrlException("invalid IPv4 address");
            }
            numbers.add(n);
        }
        BigInteger last = numbers.remove(numbers.size() - 1);
        if (numbers.stream().anyMatch(n -> n.compareTo(BYTE_LIMIT) >= 0)
                || last.compareTo(BYTE_LIMIT.pow(4 - numbers.size())) >= 0) {
            throw new InvalidUrlException("IPv4 address out of range");
        }
        long value = last.longValueExact();
        for (int i = 0; i < numbers.size(); i++) {
            value += numbers.get(i).longValueExact() << (8 * (3 - i));
        }
        return toAddress(value);
    }

    /** Splits on '.', dropping one trailing empty part (a trailing dot) as the standard does. */
    private static List<String> parts(String host) {
        List<String> parts = new ArrayList<>(Arrays.asList(host.split("\\.", -1)));
        if (parts.get(parts.size() - 1).isEmpty()) {
            if (parts.size() == 1) {
                return List.of();
            }
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    /** One IPv4 part, or null when it is not a number in its radix. */
    private static BigInteger number(String part) {
        if (part.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() >= 2 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return BigInteger.ZERO;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!isAsciiDigit(digits.charAt(i), radix)) {
                return null;
            }
        }
        return new BigInteger(digits, radix);
    }

    /** Character.digit also accepts non-ASCII digits, which the standard does not. */
    private static boolean isAsciiDigit(char c, int radix) {
        return c < 128 && Character.digit(c, radix) >= 0;
    }

    private static InetAddress toAddress(long value) {
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always a valid address", e);
        }
    }
}
