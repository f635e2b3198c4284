package io.cloudbrowser.controlplane.auth;

import io.cloudbrowser.controlplane.store.ApiKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Which user an API key belongs to. Keys come from configuration and from the store; only their
 * SHA-256 hashes are held. With none anywhere, one is generated for {@link #LOCAL_USER} so a
 * newcomer can call the API at once; it is handed out once through {@link #generatedKey()}.
 */
public final class ApiKeyRegistry {
    public static final String LOCAL_USER = "local";
    private static final String KEY_PREFIX = "cb_";

    private final Map<String, String> userByHash;
    private final Optional<String> generatedKey;

    private ApiKeyRegistry(Map<String, String> userByHash, Optional<String> generatedKey) {
        this.userByHash = Map.copyOf(userByHash);
        this.generatedKey = generatedKey;
    }

    /** @param configured key -> user id, from configuration */
    public static ApiKeyRegistry load(Map<String, String> configured, ApiKeyStore store, Clock clock) {
        Map<String, String> byHash = new HashMap<>(store.all());
        configured.forEach((key, user) -> byHash.put(hash(key), user));
        Optional<String> generated = Optional.empty();
        if (byHash.isEmpty()) {
            String key = newKey();
            store.add(hash(key), LOCAL_USER, clock.instant());
            byHash.put(hash(key), LOCAL_USER);
            generated = Optional.of(key);
        }
        return new ApiKeyRegistry(byHash, generated);
    }

    public Optional<Principal> authenticate(String presentedKey) {
        String keyHash = hash(presentedKey);
        return Optional.ofNullable(userByHash.get(keyHash)).map(user -> new Principal(user, keyHash));
    }

    /** The key generated on this start, if one was; never stored in clear. */
    public Optional<String> generatedKey() {
        return generatedKey;
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
