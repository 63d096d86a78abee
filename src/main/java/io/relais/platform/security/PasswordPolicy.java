package io.relais.platform.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.relais.platform.web.ApiProblem;

/**
 * What a new password may not be, beyond its length: one of the 100,000 most common passwords (the list nbvcxz ships,
 * compiled from real leaks; compared without case), or the username itself (forwards or backwards, without case).
 * Plain Java; the sign-up and the admin's account creation call it and say why a password was refused.
 */
public final class PasswordPolicy {

    private static final String LIST = "/dictionaries/passwords.txt";
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** Throws a 400 naming {@code password} when it is common or the username. */
    public static void check(String username, String password) {
        if (password == null) return;
        String p = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank()) {
            String u = username.toLowerCase(Locale.ROOT);
            if (p.equals(u) || p.equals(new StringBuilder(u).reverse().toString())) {
                throw ApiProblem.invalidField("password", "must not be the username");
            }
        }
        if (COMMON.contains(p)) {
            throw ApiProblem.invalidField("password", "is one of the " + String.format(Locale.ROOT, "%,d", COMMON.size())
                    + " most common passwords; choose a longer phrase of your own");
        }
    }

    static int size() {
        return COMMON.size();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(150_000);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) throw new IllegalStateException("the common password list " + LIST + " is missing (nbvcxz)");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) words.add(line.strip().toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
