package io.relais.platform.security;

/**
 * Request headers the access filter sets from the verified token (and strips when a client sends them), so routes
 * and beans can read who is calling with {@code @Header}.
 */
public final class CallerHeaders {
    public static final String USER_ID = "X-Relais-User-Id";
    public static final String USERNAME = "X-Relais-User";
    public static final String ROLES = "X-Relais-Roles";

    private CallerHeaders() {
    }

    /** True when the roles header names a manager or an admin (the staff who may see and act for everyone). */
    public static boolean isStaff(String roles) {
        if (roles == null) return false;
        for (String r : roles.split(",")) if (r.equals("manager") || r.equals("admin")) return true;
        return false;
    }

    public static boolean isCallerHeader(String name) {
        return name.regionMatches(true, 0, "X-Relais-", 0, 9);
    }
}
