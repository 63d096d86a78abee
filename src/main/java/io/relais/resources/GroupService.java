package io.relais.resources;

import java.util.List;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.resources.ResourceViews.Created;
import io.relais.resources.ResourceViews.Group;
import io.relais.resources.ResourceViews.Membership;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Groups: list them, create one (its creator is its owner and first member), join one. */
@Service("resourceGroups")
@org.springframework.validation.annotation.Validated
public class GroupService {

    private final JdbcClient jdbc;
    private final Profiles profiles;

    GroupService(JdbcClient jdbc, Profiles profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    public List<Group> list() {
        return jdbc.sql("select g.id, g.name, g.description, p.username as owner, (select count(*) from resources.group_members m "
                + "where m.group_id = g.id) as members from resources.groups g join resources.profiles p on p.id = g.owner_id order by g.name")
                .query(Group.ROWS).list();
    }

    public Created create(@Body @NotNull @Valid ResourceRequests.NewGroup body, @VerifiedCaller Caller caller) {
        UUID me = profiles.of(caller), id = UUID.randomUUID();
        jdbc.sql("insert into resources.groups (id, name, description, owner_id) values (:id, :name, :description, :owner)")
                .param("id", id).param("name", body.name()).param("description", body.description()).param("owner", me).update();
        jdbc.sql("insert into resources.group_members (id, group_id, user_id, role) values (:id, :group, :user, 'owner')")
                .param("id", UUID.randomUUID()).param("group", id).param("user", me).update();
        return new Created(id, body.name());
    }

    public Membership join(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID gid = Ids.of(id);
        jdbc.sql("insert into resources.group_members (id, group_id, user_id) values (:id, :group, :user) on conflict do nothing")
                .param("id", UUID.randomUUID()).param("group", gid).param("user", profiles.of(caller)).update();
        return new Membership(gid, true);
    }
}
