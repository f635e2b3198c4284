package io.cloudbrowser.protocol.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact results of the browser-style host parser, checked against java.net's reading of plain literals. */
class HostParserTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0x7f.1              | 127.0.0.1",
        "0177.0.0.1          | 127.0.0.1",
        "2130706433          | 127.0.0.1",
        "1.2.3               | 1.2.0.3",
        "1.0x10000           | 1.1.0.0",
        "0x.0x.0             | 0.0.0.0",
        "0xffffffff          | 255.255.255.255",
        "8.8.8.8.            | 8.8.8.8",
        "[2606:4700::1111]   | 2606:4700:0:0:0:0:0:1111",
        "[1::]               | 1:0:0:0:0:0:0:0",
        "[::2:3]             | 0:0:0:0:0:0:2:3",
        "[1:2::7:8]          | 1:2:0:0:0:0:7:8",
        "[1:2:3:4:5:6:7:8]   | 1:2:3:4:5:6:7:8",
        "[1:2:3:4:5:6::]     | 1:2:3:4:5:6:0:0",
        "[::1.2.3.4]         | 0:0:0:0:0:0:102:304",
        "[1::5:1.2.3.4]      | 1:0:0:0:0:5:102:304",
        "[ABCD::EF]          | abcd:0:0:0:0:0:0:ef"})
    void readsAddressLiteralsLikeABrowser(String host, String expected) throws Exception {
        Host parsed = HostParser.parse(host);
        assertEquals(new Host.Ip(InetAddress.getByName(expected)), parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Example.COM     | example.com",
        "example.com.    | example.com.",
        "ex%41mple.com   | example.com",
        "bücher.example  | xn--bcher-kva.example",
        "1.2.3.4.example | 1.2.3.4.example",
        "0x7g            | 0x7g"})
    void readsOtherHostsAsLowerCaseAsciiNames(String host, String expected) throws Exception {
        assertEquals(new Host.Domain(expected), HostParser.parse(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[::1", "[:1]", "[1:::2]", "[1:2:3:4:5:6:7:8:9]", "[12345::]", "[::1.2.3.4.5]",
        "[::01.2.3.4]", "[::1.2.3.256]", "[1:2:3:4:5:6:7:1.2.3.4]", "[::1\u0000]", "[g::]", "1.2.3.4.5",
        "0x100000000", "1.256.0.0", "192.168.0.256", "09", "a b", "a^b", "a|b", "a<b"})
    void refusesWhatABrowserRefuses(String host) {
        assertThrows(InvalidUrlException.class, () -> HostParser.parse(host));
    }
}
