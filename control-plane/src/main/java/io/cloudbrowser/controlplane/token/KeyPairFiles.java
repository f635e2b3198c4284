package io.cloudbrowser.controlplane.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The ES256 (EC P-256) key pair tokens are signed with, as two PEM files in a directory: generated on
 * first start, read on every later one, so tokens stay valid across restarts and adopted sandboxes
 * keep verifying them. The private key file is readable by its owner only.
 */
public final class KeyPairFiles {
    static final String PRIVATE_FILE = "jwt-es256-private.pem";
    static final String PUBLIC_FILE = "jwt-es256-public.pem";

    private KeyPairFiles() {
    }

    public static SigningKeys loadOrCreate(Path dir) {
        try {
            Path privateFile = dir.resolve(PRIVATE_FILE);
            Path publicFile = dir.resolve(PUBLIC_FILE);
            if (!Files.exists(privateFile)) {
                Files.createDirectories(dir);
                KeyPair pair = generate();
                writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
                writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
            }
            KeyFactory ec = KeyFactory.getInstance("EC");
            var publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(readPem(publicFile)));
            var privateKey = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateFile)));
            return new SigningKeys(publicKey, privateKey, Files.readString(publicFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token key pair in " + dir, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the token key pair in " + dir + " is unusable: " + e.getMessage(), e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // Created owner-only, so the key is never readable by others even for a moment.
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, pem);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] readPem(Path file) throws IOException {
        String base64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
