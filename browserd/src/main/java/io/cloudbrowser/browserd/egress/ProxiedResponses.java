package io.cloudbrowser.browserd.egress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The response to a proxied plain-HTTP request, on its way to the browser. One request per connection: the next
 * one could be for another host, which would need its own vetting, so each response says {@code Connection: close}
 * and the connection closes after it. A {@code 101 Switching Protocols} (a WebSocket over plain http) instead turns
 * both sides into a byte relay.
 */
final class ProxiedResponses extends ChannelOutboundHandlerAdapter {
    private final Channel target;
    private int status;

    ProxiedResponses(Channel target) {
        this.target = target;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            if (status >= 200) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        boolean interim = status >= 100 && status < 200 && status != 101;
        if (!(msg instanceof LastHttpContent) || interim) {
            ctx.write(msg, promise);
        } else if (status == 101) {
            ctx.write(msg, promise);
            ctx.flush();
            switchToBytes(ctx);
        } else {
            ChannelPromise written = promise.unvoid();
            ctx.write(msg, written);
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** After the 101 has been encoded, both sides carry the new protocol's bytes untouched. */
    private void switchToBytes(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(EgressPipeline.HTTP_CODEC);
        ctx.pipeline().remove(EgressPipeline.REQUEST);
        ctx.pipeline().remove(this);
        target.pipeline().remove(EgressPipeline.HTTP_CODEC);
    }
}
