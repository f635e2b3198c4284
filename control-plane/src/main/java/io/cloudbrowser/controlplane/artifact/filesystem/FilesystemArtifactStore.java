package io.cloudbrowser.controlplane.artifact.filesystem;

import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.controlplane.artifact.ArtifactDownloads;
import io.cloudbrowser.controlplane.artifact.ArtifactKeys;
import io.cloudbrowser.controlplane.artifact.ArtifactStore;
import io.cloudbrowser.controlplane.artifact.UrlSigner;
import io.cloudbrowser.protocol.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outputs as files under one directory, downloaded from the control plane itself at
 * {@code /artifacts/<key>?expires=<epoch s>&sig=<HMAC>}: the signature covers the key and the expiry, so a changed
 * key, a later expiry or another secret's signature is refused (403), as is a URL past its expiry. Keys are
 * {@link ArtifactKeys}, which cannot name a path outside the directory.
 */
public final class FilesystemArtifactStore implements ArtifactStore, ArtifactDownloads {
    private final Path root;
    private final URI publicUrl;
    private final UrlSigner signer;
    private final Clock clock;

    public FilesystemArtifactStore(Path root, URI publicUrl, UrlSigner signer, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.publicUrl = publicUrl;
        this.signer = signer;
        this.clock = clock;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifact directory " + this.root, e);
        }
    }

    @Override
    public String kind() {
        return "filesystem";
    }

    @Override
    public void put(String key, String contentType, byte[] bytes) {
        Path file = fileOf(ArtifactKeys.check(key));
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".upload", ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Path file = fileOf(ArtifactKeys.check(key));
            Files.deleteIfExists(file);
            for (Path dir = file.getParent(); !dir.equals(root) && isEmptyDir(dir); dir = dir.getParent()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete artifact " + key, e);
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public URI url(String key, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        return URI.create(publicUrl + PATH + ArtifactKeys.check(key) + "?expires=" + expires + "&sig="
                + signer.sign(key, expires));
    }

    @Override
    public ArtifactDownloads downloads() {
        return this;
    }

    @Override
    public Optional<Download> find(String path, Map<String, List<String>> query) {
        if (!path.startsWith(PATH)) {
            return Optional.empty();
        }
        String key = path.substring(PATH.length());
        String sig = single(query, "sig");
        long expires;
        try {
            expires = Long.parseLong(single(query, "expires"));
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.SIGNED_URL_INVALID, "the URL's expiry is not a number");
        }
        if (!ArtifactKeys.isValid(key) || !signer.verify(key, expires, sig)) {
            throw new ApiException(ErrorCode.SIGNED_URL_INVALID, "the URL's signature does not match");
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw new ApiException(ErrorCode.SIGNED_URL_EXPIRED, "the URL expired at " + Instant.ofEpochSecond(expires));
        }
        try {
            return Optional.of(new Download(Files.readAllBytes(fileOf(key)), ArtifactKeys.contentType(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + key, e);
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() != 1) {
            throw new ApiException(ErrorCode.SIGNED_URL_INVALID, "a signed URL has one '" + name + "' parameter");
        }
        return values.get(0);
    }

    private Path fileOf(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("not an artifact key: " + key);
        }
        return file;
    }
}
