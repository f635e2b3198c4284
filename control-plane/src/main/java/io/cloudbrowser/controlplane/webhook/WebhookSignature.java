package io.cloudbrowser.controlplane.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature scheme (PROTOCOL.md, "Webhooks"): {@code v1=} and the hex HMAC-SHA256, keyed with the
 * webhook secret's text, of {@code "<timestamp>.<body>"}; the timestamp (epoch seconds) travels in its own header
 * so a receiver can refuse replays outside its window.
 */
public final class WebhookSignature {
    public static final String ID_HEADER = "Cloudbrowser-Webhook-Id";
    public static final String TIMESTAMP_HEADER = "Cloudbrowser-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "Cloudbrowser-Webhook-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
