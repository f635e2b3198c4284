package io.cloudbrowser.controlplane.server;

import io.cloudbrowser.http.RequestDeadline;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Composes a connection's pipeline; the order is documented in {@link HandlerNames}. */
final class HttpInitializer extends ChannelInitializer<SocketChannel> {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int IDLE_SECONDS = 120;
    /** A whole request (head and body) must arrive within this of its first byte (PROTOCOL.md: request_timeout). */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);

    private volatile ApiServices services;

    void serve(ApiServices ready) {
        this.services = ready;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ApiServices services = this.services;
        if (services == null) {
            channel.close(); // still starting
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        RequestDeadline deadline = new RequestDeadline(REQUEST_DEADLINE);
        pipeline.addLast(HandlerNames.DEADLINE, deadline.first());
        pipeline.addLast(HandlerNames.IDLE, new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        pipeline.addLast(HandlerNames.IDLE_CLOSER, new IdleCloser());
        pipeline.addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec());
        pipeline.addLast(HandlerNames.AGGREGATOR, new JsonObjectAggregator(MAX_BODY_BYTES, services.responses()));
        pipeline.addLast(HandlerNames.REQUEST_COMPLETE, deadline.whole());
        pipeline.addLast(HandlerNames.API, new ApiHttpHandler(services));
    }
}
