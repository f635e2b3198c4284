package io.cloudbrowser.controlplane.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Whole requests up to a size; a larger one gets the API's JSON 413 and the connection closes. */
final class JsonObjectAggregator extends HttpObjectAggregator {
    private final HttpResponses responses;

    JsonObjectAggregator(int maxContentLength, HttpResponses responses) {
        super(maxContentLength);
        this.responses = responses;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse response = responses.error(ErrorCode.BODY_TOO_LARGE,
                "request body over " + maxContentLength() + " bytes");
        // The rest of the body may still be on its way: closing is simpler than draining it.
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
