package io.relais.resources;

import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.resources.ResourceViews.RatingSummary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Ratings, 1 to 5, one per user and resource (a second one replaces the first); the answer is the new average. */
@Service("resourceRatings")
@org.springframework.validation.annotation.Validated
public class RatingService {

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ResourceAccess access;
    private final ReadCache cache;

    RatingService(JdbcClient jdbc, Profiles profiles, ResourceAccess access, ReadCache cache) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.access = access;
        this.cache = cache;
    }

    public RatingSummary rate(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.Rating body, @VerifiedCaller Caller caller) {
        UUID rid = Ids.of(id);
        access.visible(rid, caller);
        jdbc.sql("insert into resources.resource_ratings (id, user_id, resource_id, rating) values (:id, :user, :resource, :rating) "
                        + "on conflict (user_id, resource_id) do update set rating = excluded.rating")
                .param("id", UUID.randomUUID()).param("user", profiles.of(caller)).param("resource", rid).param("rating", body.rating()).update();
        cache.evict("popular");
        return jdbc.sql("select cast(:resource as uuid) as resource, round(avg(rating), 2) as rating, count(*) as ratings "
                + "from resources.resource_ratings where resource_id = :resource").param("resource", rid).query(RatingSummary.ROWS).single();
    }
}
