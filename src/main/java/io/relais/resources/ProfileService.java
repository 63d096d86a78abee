package io.relais.resources;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.Profile;
import io.relais.resources.ResourceViews.ProfileResource;
import io.relais.resources.ResourceViews.ProfileStats;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Profiles: one with its public resources and figures (cached), change yours, its resources (all of them for you), its figures. */
@Service("resourceProfiles")
@org.springframework.validation.annotation.Validated
public class ProfileService {

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ReadCache cache;

    ProfileService(JdbcClient jdbc, Profiles profiles, ReadCache cache) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.cache = cache;
    }

    public Profile get(@Header("id") String id) {
        UUID pid = Ids.of(id);
        return cache.get("profile:" + pid, new TypeReference<>() { }, () -> {
            record Row(String username, String displayName, String avatarUrl, String bio, OffsetDateTime createdAt) {
            }
            Row p = jdbc.sql("select username, display_name, avatar_url, bio, created_at from resources.profiles where id = :id")
                    .param("id", pid).query(Row.class).optional().orElseThrow(() -> ApiProblem.notFound("no profile " + id));
            List<ProfileResource> resources = jdbc.sql("select id, title, type::text as type, view_count from resources.resources "
                    + "where user_id = :id and visibility = 'public' order by created_at desc limit 50").param("id", pid)
                    .query(ProfileResource.ROWS).list();
            return new Profile(pid, p.username(), p.displayName(), p.avatarUrl(), p.bio(), p.createdAt(), profiles.stats(pid), resources);
        });
    }

    public Profile update(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.ProfileChanges body, @VerifiedCaller Caller caller) {
        UUID pid = existing(id);
        if (!pid.equals(profiles.of(caller))) throw ApiProblem.forbidden("only you may change your profile");
        jdbc.sql("update resources.profiles set display_name = coalesce(:name, display_name), avatar_url = coalesce(:avatar, avatar_url), "
                        + "bio = coalesce(:bio, bio) where id = :id")
                .param("name", body.displayName()).param("avatar", body.avatarUrl()).param("bio", body.bio()).param("id", pid).update();
        cache.evict("profile:" + pid);
        return get(pid.toString());
    }

    public List<ProfileResource> resources(@Header("id") String id, @VerifiedCaller Caller caller) {
        UUID pid = existing(id);
        boolean mine = caller != null && pid.equals(profiles.of(caller));
        return jdbc.sql("select id, title, type::text as type, view_count from resources.resources where user_id = :id "
                + "and (visibility = 'public' or :mine) order by created_at desc limit 200").param("id", pid).param("mine", mine)
                .query(ProfileResource.ROWS).list();
    }

    public ProfileStats stats(@Header("id") String id) {
        return profiles.stats(existing(id));
    }

    private UUID existing(String id) {
        UUID pid = Ids.of(id);
        if (jdbc.sql("select 1 from resources.profiles where id = :id").param("id", pid).query(Integer.class).optional().isEmpty()) {
            throw ApiProblem.notFound("no profile " + id);
        }
        return pid;
    }
}
