package io.cloudbrowser.browserd.egress;

/**
 * Handler names of the egress proxy's pipelines, head first:
 * <pre>
 * browser side, until the target is vetted:  HTTP_CODEC, REQUEST
 * browser side, CONNECT tunnel or upgraded:  RELAY
 * browser side, plain HTTP request:          HTTP_CODEC, RESPONSES, REQUEST, RELAY
 * target side, CONNECT tunnel:               RELAY
 * target side, plain HTTP request:           HTTP_CODEC, RELAY
 * </pre>
 */
final class EgressPipeline {
    static final String HTTP_CODEC = "http-codec";
    static final String REQUEST = "egress-request";
    static final String RESPONSES = "proxied-responses";
    static final String RELAY = "relay";

    private EgressPipeline() {
    }
}
