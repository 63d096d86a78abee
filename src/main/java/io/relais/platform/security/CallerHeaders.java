package io.relais.platform.security;

/**
 * Request headers the access filter sets from the verified token (and strips when a client sends them): how the
 * caller travels to Camel, where {@link VerifiedCaller} turns them into one {@link Caller} for a service.
 */
public final class CallerHeaders {
    public static final String USER_ID = "X-Relais-User-Id";
    public static final String USERNAME = "X-Relais-User";
    public static final String ROLES = "X-Relais-Roles";

    private CallerHeaders() {
    }

    public static boolean isCallerHeader(String name) {
        return name.regionMatches(true, 0, "X-Relais-", 0, 9);
    }
}
