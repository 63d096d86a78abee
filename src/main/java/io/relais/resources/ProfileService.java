package io.relais.resources;

import java.util.List;
import java.util.UUID;

import io.relais.platform.security.CallerHeaders;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.Profile;
import io.relais.resources.ResourceViews.ProfileResource;
import io.relais.resources.ResourceViews.ProfileStats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** A profile's own paths: change your profile, its resources (public ones, or all of them for you), its figures. */
@Service("resourceProfiles")
@org.springframework.validation.annotation.Validated
public class ProfileService {

    private final JdbcTemplate jdbc;
    private final Profiles profiles;
    private final ReadCache cache;
    private final ResourceService resources;

    ProfileService(JdbcTemplate jdbc, Profiles profiles, ReadCache cache, ResourceService resources) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.cache = cache;
        this.resources = resources;
    }

    public Profile update(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.ProfileChanges body,
                          @Header(CallerHeaders.USERNAME) String caller) {
        UUID pid = existing(id);
        if (!pid.equals(profiles.of(caller))) throw ApiProblem.forbidden("only you may change your profile");
        jdbc.update("update resources.profiles set display_name = coalesce(?, display_name), avatar_url = coalesce(?, avatar_url), "
                + "bio = coalesce(?, bio) where id = ?", body.displayName(), body.avatarUrl(), body.bio(), pid);
        cache.evict("profile:" + pid);
        return resources.profile(pid.toString());
    }

    public List<ProfileResource> resources(@Header("id") String id, @Header(CallerHeaders.USERNAME) String caller) {
        UUID pid = existing(id);
        boolean mine = caller != null && pid.equals(profiles.of(caller));
        return jdbc.query("select id, title, type::text as type, view_count from resources.resources where user_id = ? "
                + "and (visibility = 'public' or ?) order by created_at desc limit 200", ProfileResource.ROWS, pid, mine);
    }

    public ProfileStats stats(@Header("id") String id) {
        return profiles.stats(existing(id));
    }

    private UUID existing(String id) {
        UUID pid = Ids.of(id);
        if (jdbc.queryForList("select 1 from resources.profiles where id = ?", Integer.class, pid).isEmpty()) {
            throw ApiProblem.notFound("no profile " + id);
        }
        return pid;
    }
}
