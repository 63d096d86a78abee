package io.relais.platform.security;

import java.util.EnumSet;

import io.relais.platform.settings.RelaisSettings;
import io.relais.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes sure an admin exists: {@code RELAIS_ADMIN_USER}/{@code RELAIS_ADMIN_PASSWORD}, or in development a generated
 * password kept in data-dir/secrets.properties (readable by its owner only). The log says where it is, never what it
 * is: logs are shipped, shared and kept.
 */
@Component
class FirstAdmin implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserAccounts users;
    private final RelaisSettings settings;
    private final LocalSecrets secrets;

    FirstAdmin(UserAccounts users, RelaisSettings settings, LocalSecrets secrets) {
        this.users = users;
        this.settings = settings;
        this.secrets = secrets;
    }

    @Override
    public void afterPropertiesSet() {
        String username = settings.admin().username();
        var existing = users.findByUsername(username);
        if (existing.isPresent()) {
            if (!existing.get().hasRole(Role.ADMIN)) users.grant(existing.get().id(), Role.ADMIN);
            return;
        }
        String password = settings.admin().password();
        boolean generated = !StringUtils.hasText(password);
        if (generated) {
            password = secrets.getOrCreate("admin-password", 18).value();
        }
        try {
            users.create(username, blankToNull(settings.admin().email()), password, "Administrator", EnumSet.of(Role.ADMIN));
        } catch (ApiProblem conflict) {
            return; // another node created it a moment ago
        }
        if (generated) {
            log.info("""

                    ==== Relais first admin created ====
                      username: {}
                      password: in {} (admin-password), readable by this user only
                    (set RELAIS_ADMIN_PASSWORD to choose it)
                    """, username, secrets.file());
        } else {
            log.info("First admin '{}' created from RELAIS_ADMIN_USER/RELAIS_ADMIN_PASSWORD", username);
        }
    }

    private static String blankToNull(String s) {
        return StringUtils.hasText(s) ? s : null;
    }
}
