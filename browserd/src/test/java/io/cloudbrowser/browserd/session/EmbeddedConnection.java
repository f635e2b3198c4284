package io.cloudbrowser.browserd.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudbrowser.browserd.server.ChannelClientSink;
import io.cloudbrowser.protocol.token.Principal;
import io.cloudbrowser.protocol.token.Role;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection of a session without a browser: a {@link Client} in real {@link Clients}, writing through the real
 * {@link ChannelClientSink} to an {@link EmbeddedChannel}, whose outbound WebSocket frames the test reads.
 */
final class EmbeddedConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedChannel channel = new EmbeddedChannel();
    final Client client;
    private final List<JsonNode> texts = new ArrayList<>();
    private final List<String> binaryFrameHeaders = new ArrayList<>();
    private Integer closeCode;
    private String closeReason;

    private EmbeddedConnection(Clients clients, Role role, String subject, String tokenId) {
        Principal principal = new Principal(subject, role, tokenId, Instant.now().plusSeconds(300));
        client = clients.add(principal, new ChannelClientSink(channel), StreamPrefs.defaults(1280, 720));
    }

    static EmbeddedConnection join(Clients clients, Role role, String subject) {
        return new EmbeddedConnection(clients, role, subject, "jti-" + subject);
    }

    static EmbeddedConnection join(Clients clients, Role role, String subject, String tokenId) {
        return new EmbeddedConnection(clients, role, subject, tokenId);
    }

    /** Every JSON text message written so far (results, events, text frames), oldest first. */
    List<JsonNode> texts() {
        read();
        return texts;
    }

    /** The JSON headers of the binary frames written so far. */
    List<String> binaryFrameHeaders() {
        read();
        return binaryFrameHeaders;
    }

    /** Text messages whose {@code type} or event {@code name} is {@code kind} ("frame", "control", "error"...). */
    List<JsonNode> texts(String kind) {
        return texts().stream().filter(m -> kind.equals(m.path("type").asText()) || kind.equals(m.path("name").asText()))
                .toList();
    }

    /** The close code sent, or null while none was. */
    Integer closeCode() {
        read();
        return closeCode;
    }

    String closeReason() {
        read();
        return closeReason;
    }

    private void read() {
        for (Object o; (o = channel.readOutbound()) != null; ) {
            try {
                take((WebSocketFrame) o);
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
    }

    private void take(WebSocketFrame frame) {
        try {
            if (frame instanceof TextWebSocketFrame text) {
                texts.add(JSON.readTree(text.text()));
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                int headerLength = binary.content().readInt();
                binaryFrameHeaders.add(binary.content().readCharSequence(headerLength, StandardCharsets.US_ASCII).toString());
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode();
                closeReason = close.reasonText();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
