package io.relais.platform.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Development secrets generated once and kept in {@code <data-dir>/secrets.properties} (mode 600), so tokens and
 * the first admin's password survive a restart. Production sets them from the environment instead.
 */
public final class LocalSecrets {

    private final Path file;
    private final Properties values = new Properties();

    public LocalSecrets(Path dataDir) {
        this.file = dataDir.resolve("secrets.properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
    }

    /** The stored value, or a new random one stored now. */
    public synchronized Secret getOrCreate(String key, int bytes) {
        String existing = values.getProperty(key);
        if (existing != null) return new Secret(existing, false);
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        values.setProperty(key, value);
        save();
        return new Secret(value, true);
    }

    public record Secret(String value, boolean generatedNow) {
    }

    public Path file() {
        return file;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                try { // private from its first byte, not after it was written
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
            }
            try (Writer out = Files.newBufferedWriter(file)) {
                values.store(out, "Relais development secrets: generated once, keep private");
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
