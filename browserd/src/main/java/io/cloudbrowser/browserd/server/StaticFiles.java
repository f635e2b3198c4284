package io.cloudbrowser.browserd.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The viewer's static files, from the web-client jar's {@code /web} folder on the classpath. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "ico", "image/x-icon", "json", "application/json");
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** Serves {@code path} if it names a file; false when there is none. */
    boolean serve(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        String name = path.equals("/") ? "/viewer.html" : path;
        if (name.contains("..") || name.contains("//") || !name.matches("/[A-Za-z0-9._/-]+")) {
            return false;
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (type == null) {
            return false;
        }
        byte[] body = cache.get(name);
        if (body == null) {
            body = load(name);
            if (body.length == 0) {
                return false;
            }
            cache.put(name, body);
        }
        HttpResponses.bytes(ctx, req, HttpResponseStatus.OK, body, type);
        return true;
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("/web" + name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
