package io.relais.resources;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.relais.platform.security.Caller;
import io.relais.platform.security.VerifiedCaller;
import io.relais.platform.web.ApiProblem;
import io.relais.resources.ResourceViews.SuggestionState;
import io.relais.resources.ResourceViews.VoteScore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Suggestions of categories and tags: anyone signed in suggests and votes; {@code relais.resources.auto-approve-votes}
 * net votes up approve one (a background job with retries), or an admin decides.
 */
@Service("resourceSuggestions")
@org.springframework.validation.annotation.Validated
public class SuggestionService {

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ReadCache cache;
    private final Notifications notifications;
    private final ProducerTemplate camel;
    private final ResourcesSettings settings;
    private final RealtimeEvents realtime;

    SuggestionService(JdbcClient jdbc, Profiles profiles, ReadCache cache, Notifications notifications, ProducerTemplate camel,
                      ResourcesSettings settings, RealtimeEvents realtime) {
        this.realtime = realtime;
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.cache = cache;
        this.notifications = notifications;
        this.camel = camel;
        this.settings = settings;
    }

    public SuggestionState suggest(@Body @NotNull @Valid ResourceRequests.NewSuggestion body, @VerifiedCaller Caller caller) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into resources.category_tag_suggestions (id, user_id, kind, name) values (:id, :user, "
                        + "cast(:kind as resources.suggestion_kind), :name)")
                .param("id", id).param("user", profiles.of(caller)).param("kind", body.kind()).param("name", body.name()).update();
        return new SuggestionState(id, "pending");
    }

    /** A vote; enough net votes approve the suggestion in the background. */
    public VoteScore vote(@Header("id") String id, @Body @NotNull @Valid ResourceRequests.Vote body, @VerifiedCaller Caller caller) {
        UUID sid = Ids.of(id);
        if (body.vote() == 0) throw ApiProblem.invalidField("vote", "1 or -1");
        if (jdbc.sql("select 1 from resources.category_tag_suggestions where id = :id").param("id", sid).query(Integer.class).optional().isEmpty()) {
            throw ApiProblem.notFound("no suggestion " + id);
        }
        jdbc.sql("insert into resources.suggestion_votes (id, suggestion_id, user_id, vote) values (:id, :suggestion, :user, :vote) "
                        + "on conflict (suggestion_id, user_id) do update set vote = excluded.vote")
                .param("id", UUID.randomUUID()).param("suggestion", sid).param("user", profiles.of(caller)).param("vote", body.vote()).update();
        camel.sendBodyAndHeader("seda:resources-suggestion-review", sid.toString(), "attempt", 1);
        VoteScore score = jdbc.sql("select cast(:suggestion as uuid) as suggestion, coalesce(sum(vote), 0) as score from resources.suggestion_votes "
                + "where suggestion_id = :suggestion").param("suggestion", sid).query(VoteScore.ROWS).single();
        realtime.toEveryone("suggestion_vote", Map.of("suggestionId", sid.toString(), "score", score.score()));
        return score;
    }

    /** The auto-approval job: a pending suggestion with enough net votes is approved and its author told. */
    public String autoApprove(@Body String suggestion) {
        record Row(String status, UUID userId, String name, long score) {
        }
        Row s = jdbc.sql("select s.status::text as status, s.user_id, s.name, coalesce((select sum(vote) from resources.suggestion_votes v "
                        + "where v.suggestion_id = s.id), 0) as score from resources.category_tag_suggestions s where s.id = cast(:id as uuid)")
                .param("id", suggestion).query(Row.class).single();
        if (!"pending".equals(s.status()) || s.score() < settings.autoApproveVotes()) return "unchanged";
        jdbc.sql("update resources.category_tag_suggestions set status = 'approved' where id = cast(:id as uuid)").param("id", suggestion).update();
        notifications.notify(s.userId(), "suggestion", "Your suggestion was approved", s.name());
        cache.evict("categories", "tags");
        return "approved";
    }

    public SuggestionState moderate(@Header("id") String id, @Header("decision") String decision) {
        if (!List.of("approved", "rejected").contains(decision)) throw ApiProblem.invalidField("decision", "approved or rejected");
        UUID sid = Ids.of(id);
        int n = jdbc.sql("update resources.category_tag_suggestions set status = cast(:status as resources.suggestion_status) where id = :id")
                .param("status", decision).param("id", sid).update();
        if (n == 0) throw ApiProblem.notFound("no suggestion " + id);
        cache.evict("categories", "tags");
        return new SuggestionState(sid, decision);
    }
}
