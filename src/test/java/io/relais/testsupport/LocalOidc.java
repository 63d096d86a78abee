package io.relais.testsupport;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A local OpenID Connect provider for the tests (mock-oauth2-server from Maven Central: discovery, JWKS, authorize
 * and token endpoints, RS256 ID tokens), started once and offered to Relais as the sign-in provider {@code local}.
 */
public final class LocalOidc {

    public static final String ISSUER_ID = "local";
    public static final String CLIENT_ID = "relais-test";
    private static MockOAuth2Server server;

    private LocalOidc() {
    }

    public static synchronized String issuer() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        }
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** The next sign-in at the provider is this person. */
    public static void nextSignIn(String subject, Map<String, Object> claims) {
        issuer();
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, JOSEObjectType.JWT.getType(), List.of(CLIENT_ID), claims, 3600));
    }
}
