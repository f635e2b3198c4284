package io.cloudbrowser.protocol.token;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The control plane's EC P-256 public key as PEM: a SubjectPublicKeyInfo block, as
 * {@code openssl ec -pubout} writes it. What the control plane writes and browserd reads.
 */
public final class PublicKeyPem {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    private static final ECParameterSpec P256 = p256();

    private PublicKeyPem() {
    }

    /** The PEM text of a public key, 64-character lines. */
    public static String encode(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return BEGIN + "\n" + body + "\n" + END + "\n";
    }

    /** Several keys, one PEM block each, one after the other: what a service trusting several keys is given. */
    public static String encodeAll(List<? extends PublicKey> keys) {
        StringBuilder out = new StringBuilder();
        keys.forEach(key -> out.append(encode(key)));
        return out.toString();
    }

    /**
     * One or more "PUBLIC KEY" blocks, in order.
     *
     * @throws IllegalArgumentException naming what is wrong with the first bad block
     */
    public static List<ECPublicKey> parseAll(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("public key PEM is empty");
        }
        List<ECPublicKey> keys = new ArrayList<>();
        String rest = pem.strip();
        while (!rest.isEmpty()) {
            int end = rest.indexOf(END);
            if (end < 0) {
                keys.add(parse(rest)); // says what is wrong with it
                break;
            }
            keys.add(parse(rest.substring(0, end + END.length())));
            rest = rest.substring(end + END.length()).strip();
        }
        return keys;
    }

    /** @throws IllegalArgumentException naming what is wrong: empty, not PEM, a private key, not EC, not P-256 */
    public static ECPublicKey parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("public key PEM is empty");
        }
        String text = pem.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalArgumentException(
                    "public key PEM must be a '" + BEGIN + "' block (SubjectPublicKeyInfo); private keys are refused");
        }
        PublicKey key = decode(text.substring(BEGIN.length(), text.length() - END.length()));
        if (!(key instanceof ECPublicKey ec)) {
            throw new IllegalArgumentException("public key is " + key.getAlgorithm() + ", expected EC P-256");
        }
        if (!isP256(ec.getParams())) {
            throw new IllegalArgumentException("public key is EC but not on curve P-256 (secp256r1)");
        }
        return ec;
    }

    private static PublicKey decode(String base64Body) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64Body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key PEM body is not valid base64");
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        // Try EC first; fall back to RSA only to tell the operator what they passed instead.
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next one
            }
        }
        throw new IllegalArgumentException("public key PEM does not hold an EC public key");
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getCurve().equals(P256.getCurve())
                && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder())
                && params.getCofactor() == P256.getCofactor();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM does not support EC curve secp256r1", e);
        }
    }
}
