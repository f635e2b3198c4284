package io.cloudbrowser.browserd.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server the browser must never reach: it records every request it gets, so a test can assert that a
 * refused destination saw no traffic at all. Listens on 127.0.0.1 and, where the machine has IPv6, on [::1] with
 * the same port.
 */
public final class RequestTrap implements AutoCloseable {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer v4;
    private final HttpServer v6;

    private RequestTrap() throws IOException {
        v4 = listen(new InetSocketAddress("127.0.0.1", 0));
        v6 = listenV6(v4.getAddress().getPort());
    }

    /** Unchecked, so that a test class can start one in a static initializer, before its daemon's pages exist. */
    public static RequestTrap start() {
        try {
            return new RequestTrap();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpServer listen(InetSocketAddress address) throws IOException {
        HttpServer s = HttpServer.create(address, 0);
        s.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        s.start();
        return s;
    }

    /** The IPv6 twin is best effort: a machine without IPv6 loopback simply has nothing listening there. */
    private HttpServer listenV6(int port) {
        try {
            return listen(new InetSocketAddress("::1", port));
        } catch (IOException e) {
            return null;
        }
    }

    public int port() {
        return v4.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Every request received so far, as "METHOD uri". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        v4.stop(0);
        if (v6 != null) {
            v6.stop(0);
        }
    }
}
