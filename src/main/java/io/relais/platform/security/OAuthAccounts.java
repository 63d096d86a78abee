package io.relais.platform.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Relais account of a provider identity: the one already linked to it; else the account with the same e-mail when
 * both sides verified it (the provider says so, and the account's e-mail was itself verified by a provider: an address
 * typed at a sign-up or at a provider that does not check it proves nothing, and linking on it would hand the account
 * to whoever typed it first); else a new customer account, named after the identity, without a usable password.
 */
@Component
class OAuthAccounts {

    private static final Logger log = LoggerFactory.getLogger(OAuthAccounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a provider says about who signed in. */
    record Identity(String provider, String subject, String email, boolean emailVerified, String preferredUsername, String name) {
    }

    private final JdbcClient jdbc;
    private final UserAccounts users;

    OAuthAccounts(JdbcClient jdbc, UserAccounts users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    @Transactional
    UserAccount accountOf(Identity identity) {
        Optional<UUID> linked = jdbc.sql("update platform.user_identities set last_used = now() where provider = :provider and subject = :subject "
                        + "returning user_id").param("provider", identity.provider()).param("subject", identity.subject()).query(UUID.class).optional();
        if (linked.isPresent()) return users.findById(linked.get()).orElseThrow();
        String email = blankToNull(identity.email());
        UserAccount account = email != null && identity.emailVerified() ? jdbc.sql("select id from platform.users where lower(email) = lower(:email) "
                + "and email_verified").param("email", email).query(UUID.class).optional().flatMap(users::findById).orElse(null) : null;
        if (account != null) {
            log.info("{} identity {} linked to account '{}' by its verified e-mail", identity.provider(), identity.subject(), account.username());
        } else {
            String username = free(usernameFor(identity));
            // only a verified e-mail is kept, and only when no other account has it
            String kept = email != null && identity.emailVerified() && users.findByEmail(email).isEmpty() ? email : null;
            account = users.create(username, kept, unusablePassword(), blankToNull(identity.name()), EnumSet.of(Role.CUSTOMER));
            if (kept != null) jdbc.sql("update platform.users set email_verified = true where id = :id").param("id", account.id()).update();
            log.info("Account '{}' created for {} identity {}", username, identity.provider(), identity.subject());
        }
        jdbc.sql("insert into platform.user_identities (provider, subject, user_id, email) values (:provider, :subject, :user, :email)")
                .param("provider", identity.provider()).param("subject", identity.subject()).param("user", account.id()).param("email", email)
                .update();
        return account;
    }

    /** A username from the identity: its preferred name, else its e-mail's local part, else provider-subject. */
    static String usernameFor(Identity identity) {
        for (String candidate : new String[] {identity.preferredUsername(), identity.email() == null ? null : identity.email().split("@")[0],
                identity.provider() + "-" + identity.subject()}) {
            if (candidate == null) continue;
            String cleaned = candidate.strip().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
            if (cleaned.length() > 56) cleaned = cleaned.substring(0, 56);
            if (cleaned.length() >= 3) return cleaned.toLowerCase(Locale.ROOT);
        }
        return identity.provider() + "-user";
    }

    private String free(String wanted) {
        String name = wanted;
        for (int i = 2; users.exists(name); i++) name = wanted + "-" + i;
        return name;
    }

    private static String unusablePassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
