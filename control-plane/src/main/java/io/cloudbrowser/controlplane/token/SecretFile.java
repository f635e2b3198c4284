package io.cloudbrowser.controlplane.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A 256-bit secret kept as base64 text in a file of the keys directory, readable by its owner only, created on
 * first use; every replica that mounts the directory reads the same one.
 */
public final class SecretFile {
    private SecretFile() {
    }

    /** The file's text (base64 of 32 random bytes), created if absent. */
    public static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temp, Base64.getEncoder().encode(fresh));
                try {
                    Files.move(temp, file);
                } catch (FileAlreadyExistsException raced) {
                    Files.delete(temp); // another replica made it first: use theirs
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
