package io.cloudbrowser.browserd.server;

import io.cloudbrowser.browserd.session.Client;
import io.cloudbrowser.browserd.session.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts WebSocket frames into session calls and back: Netty types stop here. One instance per connection.
 */
final class WebSocketSessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketSessionHandler.class);

    private final Session session;
    private ChannelClientSink sink;
    private Client client;

    WebSocketSessionHandler(Session session) {
        this.session = session;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            sink = new ChannelClientSink(ctx.channel());
            client = session.connect(ctx.channel().attr(HttpRouter.PRINCIPAL).get(), sink);
            log.info("client {} connected as {} ({} clients)", client.id(), client.principal().role().wireName(),
                    session.clientCount());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (client == null || sink.isClosing()) {
                return;
            }
            if (msg instanceof TextWebSocketFrame text) {
                session.onText(client, text.text());
            } else if (msg instanceof BinaryWebSocketFrame) {
                session.onBinary(client);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (sink != null && ctx.channel().isWritable()) {
            sink.drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (client != null) {
            session.disconnect(client);
            log.info("client {} disconnected ({} frames sent, {} replaced while it was slow)", client.id(),
                    sink.framesSent(), sink.framesDropped());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
                    .addListener(f -> ctx.close());
            return;
        }
        log.debug("connection error: {}", cause.toString());
        ctx.close();
    }
}
