package io.cloudbrowser.controlplane.token;

import io.cloudbrowser.protocol.token.KeyIds;
import io.cloudbrowser.protocol.token.PublicKeyPem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The ES256 keys as PEM files in one directory (the data directory's {@code keys/}, or a volume every replica
 * mounts): the signing pair ({@code jwt-es256-private.pem}, {@code jwt-es256-public.pem}), the next pair
 * ({@code next/}) and the public keys of earlier signing keys ({@code previous/<kid>.pem}, the newest
 * {@value #KEPT_PREVIOUS} kept). What is missing is generated on first start; private keys are readable by their
 * owner only. {@link #rotate} makes the next pair the signing one: live sessions keep working, their sandboxes
 * already trust it, and tokens signed before stay valid until they expire.
 */
public final class KeyPairFiles {
    static final String PRIVATE_FILE = "jwt-es256-private.pem";
    static final String PUBLIC_FILE = "jwt-es256-public.pem";
    static final String NEXT_DIR = "next";
    static final String PREVIOUS_DIR = "previous";
    /** Two rotations' worth: rotate at most once per the longest session life (CP_MAX_TTL). */
    static final int KEPT_PREVIOUS = 2;

    private KeyPairFiles() {
    }

    public static SigningKeys loadOrCreate(Path dir) {
        try {
            createPairIfMissing(dir);
            createPairIfMissing(dir.resolve(NEXT_DIR));
            List<ECPublicKey> trusted = new ArrayList<>();
            ECPublicKey signing = readPublic(dir.resolve(PUBLIC_FILE));
            trusted.add(signing);
            trusted.add(readPublic(dir.resolve(NEXT_DIR).resolve(PUBLIC_FILE)));
            for (Path previous : previousNewestFirst(dir)) {
                trusted.add(readPublic(previous));
            }
            return new SigningKeys(signing, readPrivate(dir.resolve(PRIVATE_FILE)), trusted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token keys in " + dir, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the token keys in " + dir + " are unusable: " + e.getMessage(), e);
        }
    }

    /**
     * The next pair becomes the signing pair, the signing public key becomes a previous one, a new next pair is
     * generated, and previous keys beyond the newest {@value #KEPT_PREVIOUS} are deleted. Control planes read the
     * keys when they start: restart them one after the other.
     *
     * @return the keys after the rotation
     */
    public static SigningKeys rotate(Path dir) {
        SigningKeys before = loadOrCreate(dir);
        try {
            Path previous = Files.createDirectories(dir.resolve(PREVIOUS_DIR));
            Path retired = previous.resolve(before.keyId() + ".pem");
            Files.copy(dir.resolve(PUBLIC_FILE), retired, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(retired, FileTime.from(Instant.now()));
            Path next = dir.resolve(NEXT_DIR);
            Files.move(next.resolve(PUBLIC_FILE), dir.resolve(PUBLIC_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(next.resolve(PRIVATE_FILE), dir.resolve(PRIVATE_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            List<Path> kept = previousNewestFirst(dir);
            for (Path old : kept.subList(Math.min(KEPT_PREVIOUS, kept.size()), kept.size())) {
                Files.delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the token keys in " + dir, e);
        }
        return loadOrCreate(dir);
    }

    private static void createPairIfMissing(Path dir) throws IOException, GeneralSecurityException {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        if (Files.exists(privateFile)) {
            return;
        }
        Files.createDirectories(dir);
        KeyPair pair = generate();
        writePem(dir.resolve(PUBLIC_FILE), PublicKeyPem.encode(pair.getPublic()), false);
        writePem(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
    }

    private static List<Path> previousNewestFirst(Path dir) throws IOException {
        Path previous = dir.resolve(PREVIOUS_DIR);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(previous)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(previous, "*.pem")) {
                entries.forEach(files::add);
            }
        }
        files.sort(Comparator.comparing(KeyPairFiles::modified).reversed());
        return files;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void writePem(Path file, String pem, boolean secret) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // Created owner-only, so the key is never readable by others even for a moment.
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, pem);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ECPublicKey readPublic(Path file) throws IOException {
        ECPublicKey key = PublicKeyPem.parse(Files.readString(file));
        String name = file.getFileName().toString();
        if (file.getParent().getFileName().toString().equals(PREVIOUS_DIR) && !name.equals(KeyIds.of(key) + ".pem")) {
            throw new IllegalArgumentException(file + " holds the key " + KeyIds.of(key) + ", not " + name);
        }
        return key;
    }

    private static ECPrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(base64)));
    }
}
