package io.cloudbrowser.controlplane.server;

import io.cloudbrowser.protocol.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.util.concurrent.TimeUnit;

/** Whole requests up to a size; a larger one gets the API's JSON 413 and the connection closes. */
final class JsonObjectAggregator extends HttpObjectAggregator {
    private static final long CLOSE_GRACE_MS = 1000;
    private final HttpResponses responses;

    JsonObjectAggregator(int maxContentLength, HttpResponses responses) {
        super(maxContentLength);
        this.responses = responses;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse response = responses.error(ErrorCode.BODY_TOO_LARGE,
                "request body over " + maxContentLength() + " bytes");
        // The rest of the body may still be on its way. Closing at once, with it unread, makes the kernel answer
        // with a reset that can destroy the 413 before the client reads it; the aggregator discards what
        // follows, and the socket closes after a grace period (or sooner, when the client closes it).
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(f -> ctx.executor().schedule(() -> {
            ctx.close();
        }, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS));
    }
}
