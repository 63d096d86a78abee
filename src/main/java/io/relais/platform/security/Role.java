package io.relais.platform.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Relais roles; each one is also a Camunda group of the same id. */
public enum Role {
    ADMIN("Administrators"), MANAGER("Managers"), FARMER("Farmers"), CUSTOMER("Customers");

    private final String groupName;

    Role(String groupName) {
        this.groupName = groupName;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String groupName() {
        return groupName;
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equalsIgnoreCase(id)).findFirst();
    }
}
