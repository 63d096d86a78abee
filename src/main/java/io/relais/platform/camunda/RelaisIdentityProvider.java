package io.relais.platform.camunda;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.relais.platform.security.Role;
import io.relais.platform.security.UserAccount;
import io.relais.platform.security.UserAccounts;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Camunda's users and groups are Relais' users and roles: Cockpit, Tasklist, Admin and the engine REST API check
 * passwords against {@code platform.users}, and each role is a group of the same id. Read-only: accounts are
 * managed through the Relais API. No tenants.
 */
public class RelaisIdentityProvider implements ReadOnlyIdentityProvider {

    private final UserAccounts accounts;

    RelaisIdentityProvider(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public User findUserById(String userId) {
        return accounts.findByUsername(userId).map(RelaisIdentityProvider::toUser).orElse(null);
    }

    @Override
    public UserQuery createUserQuery() {
        return new Users(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public UserQueryImpl createUserQuery(CommandContext commandContext) {
        return new Users();
    }

    @Override
    public NativeUserQuery createNativeUserQuery() {
        throw new BadUserRequestException("Native user queries are not supported: users live in Relais");
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        return userId != null && password != null && accounts.authenticate(userId, password).isPresent();
    }

    @Override
    public Group findGroupById(String groupId) {
        return Role.fromId(groupId).map(RelaisIdentityProvider::toGroup).orElse(null);
    }

    @Override
    public GroupQuery createGroupQuery() {
        return new Groups(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public GroupQuery createGroupQuery(CommandContext commandContext) {
        return new Groups();
    }

    @Override
    public Tenant findTenantById(String tenantId) {
        return null;
    }

    @Override
    public TenantQuery createTenantQuery() {
        return new NoTenants(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public TenantQuery createTenantQuery(CommandContext commandContext) {
        return new NoTenants();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    static User toUser(UserAccount account) {
        UserEntity user = new UserEntity(account.username());
        String name = account.displayName() == null ? account.username() : account.displayName();
        int space = name.indexOf(' ');
        user.setFirstName(space > 0 ? name.substring(0, space) : name);
        user.setLastName(space > 0 ? name.substring(space + 1) : "");
        user.setEmail(account.email());
        return user;
    }

    static Group toGroup(Role role) {
        GroupEntity group = new GroupEntity(role.id());
        group.setName(role.groupName());
        group.setType(role == Role.ADMIN ? "SYSTEM" : "WORKFLOW");
        return group;
    }

    private static RelaisIdentityProvider current() {
        return (RelaisIdentityProvider) Context.getCommandContext().getReadOnlyIdentityProvider();
    }

    /**
     * Who may see which accounts: admins and managers (they assign tasks) see everyone; any other signed-in caller
     * (a customer or farmer in Tasklist, on the engine API) sees only themselves. Engine-internal queries see all.
     */
    static Predicate<UserAccount> visibleToCaller() {
        var context = Context.getCommandContext();
        var authentication = context == null ? null : context.getAuthentication();
        if (authentication == null || authentication.getUserId() == null || !context.isAuthorizationCheckEnabled()) return a -> true;
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        if (groups.contains(Role.ADMIN.id()) || groups.contains(Role.MANAGER.id())) return a -> true;
        return a -> a.username().equalsIgnoreCase(authentication.getUserId());
    }

    private static <T> List<T> page(Stream<T> stream, int first, int max) {
        return stream.skip(Math.max(0, first)).limit(max <= 0 ? Integer.MAX_VALUE : max).toList();
    }

    private static boolean like(String value, String pattern) {
        if (pattern == null) return true;
        if (value == null) return false;
        String regex = ("\\Q" + pattern.toLowerCase() + "\\E").replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q");
        return value.toLowerCase().matches(regex);
    }

    /** Users filtered in memory: Relais has hundreds of accounts at most, not millions. */
    static final class Users extends UserQueryImpl {
        Users() {
        }

        Users(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return matching(current()).count();
        }

        @Override
        public List<User> executeList(CommandContext commandContext, Page page) {
            return page(matching(current()), getFirstResult(), getMaxResults());
        }

        private Stream<User> matching(RelaisIdentityProvider provider) {
            if (getTenantId() != null) return Stream.empty();
            Predicate<UserAccount> filter = a -> true;
            if (getId() != null) filter = filter.and(a -> a.username().equalsIgnoreCase(getId()));
            if (getIds() != null) filter = filter.and(a -> Arrays.stream(getIds()).anyMatch(a.username()::equalsIgnoreCase));
            if (getGroupId() != null) filter = filter.and(a -> a.roles().contains(getGroupId()));
            if (getEmail() != null) filter = filter.and(a -> getEmail().equalsIgnoreCase(a.email()));
            if (getEmailLike() != null) filter = filter.and(a -> like(a.email(), getEmailLike()));
            Predicate<UserAccount> accounts = filter.and(UserAccount::enabled).and(visibleToCaller());
            Stream<User> users = provider.accounts.findAll().stream().filter(accounts).map(RelaisIdentityProvider::toUser);
            if (getFirstName() != null) users = users.filter(u -> getFirstName().equalsIgnoreCase(u.getFirstName()));
            if (getFirstNameLike() != null) users = users.filter(u -> like(u.getFirstName(), getFirstNameLike()));
            if (getLastName() != null) users = users.filter(u -> getLastName().equalsIgnoreCase(u.getLastName()));
            if (getLastNameLike() != null) users = users.filter(u -> like(u.getLastName(), getLastNameLike()));
            return users.sorted(Comparator.comparing(User::getId));
        }
    }

    static final class Groups extends GroupQueryImpl {
        Groups() {
        }

        Groups(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return matching(current()).count();
        }

        @Override
        public List<Group> executeList(CommandContext commandContext, Page page) {
            return page(matching(current()), getFirstResult(), getMaxResults());
        }

        private Stream<Group> matching(RelaisIdentityProvider provider) {
            if (getTenantId() != null) return Stream.empty();
            Stream<Role> roles = Arrays.stream(Role.values());
            if (getUserId() != null) {
                var account = provider.accounts.findByUsername(getUserId());
                roles = roles.filter(r -> account.map(a -> a.enabled() && a.hasRole(r)).orElse(false));
            }
            Stream<Group> groups = roles.map(RelaisIdentityProvider::toGroup);
            if (getId() != null) groups = groups.filter(g -> g.getId().equals(getId()));
            if (getIds() != null) groups = groups.filter(g -> Arrays.asList(getIds()).contains(g.getId()));
            if (getName() != null) groups = groups.filter(g -> Objects.equals(getName(), g.getName()));
            if (getNameLike() != null) groups = groups.filter(g -> like(g.getName(), getNameLike()));
            if (getType() != null) groups = groups.filter(g -> getType().equals(g.getType()));
            return groups.sorted(Comparator.comparing(Group::getId));
        }
    }

    static final class NoTenants extends TenantQueryImpl {
        NoTenants() {
        }

        NoTenants(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return 0;
        }

        @Override
        public List<Tenant> executeList(CommandContext commandContext, Page page) {
            return List.of();
        }
    }
}
