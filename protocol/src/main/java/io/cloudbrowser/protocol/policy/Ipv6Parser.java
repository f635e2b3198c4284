package io.cloudbrowser.protocol.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The WHATWG URL Standard's IPv6 parser, for the text between a URL's brackets. Like browsers it
 * accepts {@code ::} compression and a dotted IPv4 tail ({@code ::ffff:127.0.0.1}) and refuses zone
 * ids. It never touches DNS.
 */
final class Ipv6Parser {
    private static final int EOF = -1;

    private final String input;
    private final int[] pieces = new int[8];
    private int pointer;
    private int pieceIndex;
    private int compress = -1;

    private Ipv6Parser(String input) {
        this.input = input;
    }

    static InetAddress parse(String input) throws InvalidUrlException {
        return new Ipv6Parser(input).run();
    }

    private InetAddress run() throws InvalidUrlException {
        if (c() == ':') {
            if (!input.startsWith("::")) {
                throw invalid();
            }
            pointer += 2;
            compress = ++pieceIndex;
        }
        while (c() != EOF) {
            if (pieceIndex == 8) {
                throw invalid();
            }
            if (c() == ':') {
                if (compress != -1) {
                    throw invalid();
                }
                pointer++;
                compress = ++pieceIndex;
                continue;
            }
            if (!readPiece()) {
                break; // an IPv4 tail ended the address
            }
        }
        expandCompression();
        return toAddress();
    }

    /** Reads up to 4 hex digits and the ':' after them; false when they began an IPv4 tail instead. */
    private boolean readPiece() throws InvalidUrlException {
        int value = 0;
        int length = 0;
        while (length < 4 && c() < 128 && Character.digit(c(), 16) >= 0) {
            value = value * 16 + Character.digit(c(), 16);
            pointer++;
            length++;
        }
        if (c() == '.') {
            if (length == 0 || pieceIndex > 6) {
                throw invalid();
            }
            pointer -= length;
            readIpv4Tail();
            return false;
        }
        if (c() == ':') {
            pointer++;
            if (c() == EOF) {
                throw invalid();
            }
        } else if (c() != EOF) {
            throw invalid();
        }
        pieces[pieceIndex++] = value;
        return true;
    }

    /** Exactly four decimal numbers 0-255 without leading zeros, filling the last two pieces. */
    private void readIpv4Tail() throws InvalidUrlException {
        int numbersSeen = 0;
        while (c() != EOF) {
            if (numbersSeen > 0) {
                if (c() != '.' || numbersSeen >= 4) {
                    throw invalid();
                }
                pointer++;
            }
            if (c() < '0' || c() > '9') {
                throw invalid();
            }
            int number = -1;
            while (c() >= '0' && c() <= '9') {
                if (number == 0) {
                    throw invalid();
                }
                number = (number < 0 ? 0 : number * 10) + (c() - '0');
                if (number > 255) {
                    throw invalid();
                }
                pointer++;
            }
            pieces[pieceIndex] = pieces[pieceIndex] * 0x100 + number;
            numbersSeen++;
            if (numbersSeen == 2 || numbersSeen == 4) {
                pieceIndex++;
            }
        }
        if (numbersSeen != 4) {
            throw invalid();
        }
    }

    private void expandCompression() throws InvalidUrlException {
        if (compress == -1) {
            if (pieceIndex != 8) {
                throw invalid();
            }
            return;
        }
        int swaps = pieceIndex - compress;
        int index = 7;
        while (index != 0 && swaps > 0) {
            int other = compress + swaps - 1;
            int tmp = pieces[index];
            pieces[index] = pieces[other];
            pieces[other] = tmp;
            index--;
            swaps--;
        }
    }

    private InetAddress toAddress() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (pieces[i] >>> 8);
            bytes[2 * i + 1] = (byte) pieces[i];
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always a valid address", e);
        }
    }

    /** The char at the pointer, or {@link #EOF} past the end. */
    private int c() {
        return pointer < input.length() ? input.charAt(pointer) : EOF;
    }

    private static InvalidUrlException invalid() {
        return new InvalidUrlException("invalid IPv6 address");
    }
}
