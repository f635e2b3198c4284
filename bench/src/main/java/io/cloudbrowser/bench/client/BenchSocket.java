package io.cloudbrowser.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.testing.ReceivedFrame;
import io.cloudbrowser.testing.WsClient;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The benchmark's connection to browserd: the shared {@link WsClient}, which stamps every message on arrival before
 * parsing it, plus what timing needs: results and pongs complete on the socket's reading thread (nothing polls
 * while measuring), calls fail loudly, and frames go to one replaceable consumer.
 */
public final class BenchSocket implements AutoCloseable {
    private final WsClient client;

    private BenchSocket(WsClient client) {
        this.client = client;
    }

    /** Connects and waits for the {@code ready} event. */
    public static BenchSocket connect(String wsUrl, String token) throws IOException {
        WsClient client = WsClient.connect(wsUrl, token);
        try {
            client.event("ready");
        } catch (RuntimeException e) {
            client.close();
            throw new IOException("no ready event from " + wsUrl, e);
        }
        return new BenchSocket(client);
    }

    /** Frames go to {@code consumer}, called on the socket's reading thread, one at a time. */
    public void onFrames(Consumer<ReceivedFrame> consumer) {
        client.onFrame(consumer);
    }

    public void send(ObjectNode json) {
        client.send(json);
    }

    /** Sends a command; the future completes with the whole result message, ok or not. */
    public CompletableFuture<JsonNode> command(String method, ObjectNode params) {
        return client.commandAsync(method, params);
    }

    /** Sends a command and waits for an ok result. */
    public JsonNode call(String method, ObjectNode params) throws IOException {
        JsonNode r = command(method, params).orTimeout(60, TimeUnit.SECONDS).join();
        if (!r.path("ok").asBoolean()) {
            throw new IOException(method + " failed: " + r.path("error"));
        }
        return r.path("result");
    }

    /** One protocol ping; returns the round trip in nanoseconds, until the pong's arrival stamp. */
    public long ping() {
        long t = System.nanoTime();
        CompletableFuture<WsClient.Received> pong = client.expect(m -> "pong".equals(m.path("type").asText())
                && m.path("t").asLong() == t);
        send(obj().put("type", "ping").put("t", t));
        return pong.orTimeout(10, TimeUnit.SECONDS).join().arrivalNanos() - t;
    }

    public static ObjectNode obj() {
        return WsClient.obj();
    }

    @Override
    public void close() {
        client.close();
    }
}
