package io.cloudbrowser.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves test pages on 127.0.0.1, on a free port; tests and the benchmark never reach any other address. Pages may
 * be added while it runs. {@code /redirect-to/<url-encoded target>} answers 302 to the target; any other path
 * without a page is 404.
 */
public final class PageServer implements AutoCloseable {
    private static final String REDIRECT = "/redirect-to/";

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    public PageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public PageServer page(String path, String html) {
        pages.put(path, html);
        return this;
    }

    /** Adds every page of {@code htmlByPath}. */
    public PageServer pages(Map<String, String> htmlByPath) {
        pages.putAll(htmlByPath);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The URL policy entry (BROWSERD_URL_POLICY) that admits this server and nothing else. */
    public String destination() {
        return "127.0.0.1:" + port();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith(REDIRECT)) {
            exchange.getResponseHeaders().set("Location",
                    URLDecoder.decode(path.substring(REDIRECT.length()), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        String body = pages.get(path);
        byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
