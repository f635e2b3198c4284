package io.cloudbrowser.controlplane;

import io.cloudbrowser.controlplane.config.Config;
import io.cloudbrowser.controlplane.config.ConfigException;
import io.cloudbrowser.controlplane.config.ConfigLoader;
import io.cloudbrowser.controlplane.token.KeyPairFiles;
import io.cloudbrowser.controlplane.token.SigningKeys;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar control-plane.jar [--flag value ...]}; settings in {@link io.cloudbrowser.controlplane.config.Setting}.
 * Exit code 2 with one line on stderr when the configuration is wrong, like browserd; 1 when it
 * cannot start (port taken, data directory in use by another control plane).
 */
public final class Main {
    /** {@code java -jar control-plane.jar rotate-keys [--data-dir D | --keys-dir K]}: see {@link KeyPairFiles#rotate}. */
    public static final String ROTATE_KEYS = "rotate-keys";

    private Main() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(ConfigLoader.help());
            return;
        }
        boolean rotateKeys = args.length > 0 && args[0].equals(ROTATE_KEYS);
        Config config;
        try {
            config = ConfigLoader.load(System.getenv(), List.of(args).subList(rotateKeys ? 1 : 0, args.length));
        } catch (ConfigException e) {
            System.err.println("control-plane: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (rotateKeys) {
            Path dir = config.keysDirIn(config.dataDir().toAbsolutePath().normalize());
            SigningKeys keys = KeyPairFiles.rotate(dir);
            System.out.println("signing with key " + keys.keyId() + " now; restart every control plane on " + dir
                    + " (trusted: " + keys + ")");
            return;
        }
        ControlPlane plane;
        try {
            plane = newServer(config);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            System.err.println("control-plane: cannot start: " + message);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(plane::close, "control-plane-shutdown"));
        plane.generatedApiKey().ifPresent(key -> System.out.println(
                "Generated an API key for user 'local' (shown only now, keep it): " + key));
        System.out.println("control plane listening on " + plane.publicUrl());
    }

    /** A started control plane; with port 0 in the config, read the bound one from {@link ControlPlane#port()}. */
    public static ControlPlane newServer(Config config) {
        return ControlPlane.start(config);
    }
}
